import { expect } from "chai";
import type { Page } from "playwright-core";
import { makeTicket, makeUser, N1 } from "../factories";
import type { Actor } from "../../src/access/actor";
import type { Deps } from "../../src/platform/deps";
import { MailOutboxRow } from "../../src/platform/mail";
import { TicketComment } from "../../src/modules/tickets/comment.entity";
import type { Ticket } from "../../src/modules/tickets/ticket.entity";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { TicketSurvey } from "../../src/modules/reporting";
import { STRINGS, escapeRegExp, fill, squash, type Lang } from "./helpers";

/** The people, data and helpers of the satisfaction survey's browser journey (survey-journey.ts). */

export type Score = 1 | 2 | 3 | 4 | 5;
/** The people and words of the survey journey in each language (a French page shows French data). */
export function surveyText(lang: Lang) {
  return lang === "en" ? {
    employee: "Emma Martin", n1: "Nico Dupont", boss: "Bruno Marchal",
    title: "The badge reader at the main door refuses my badge",
    description: "Since Monday the reader at the main entrance blinks red when I badge in. Badge number 40-1187.",
    resolution: "Badge re-encoded; the reader at the main door accepts it again.",
    comment: "It took three days, and nobody called me back in the meantime.",
    other: "Second screen flickers",
    closedTitle: "The meeting-room screen shows no picture",
    closedComment: "Closed before anyone checked that it worked.",
  } : {
    employee: "Élodie Bernard", n1: "Noël Girard", boss: "Benoît Lefèvre",
    title: "Le lecteur de badge de l’entrée refuse mon badge",
    description: "Depuis lundi, le lecteur de l’entrée principale clignote en rouge quand je badge. Badge numéro 40-1187.",
    resolution: "Badge réencodé, le lecteur de l’entrée l’accepte de nouveau.",
    comment: "Trois jours d’attente, et personne ne m’a rappelée entre-temps.",
    other: "Le second écran clignote",
    closedTitle: "L’écran de la salle de réunion n’affiche rien",
    closedComment: "Clos avant que quiconque vérifie que ça marchait.",
  };
}

export type SurveyPeople = Record<"emp" | "n1" | "boss", Actor>;

/** The requester, the N1 agent and N1's supervisor, each speaking the run's language. */
export async function surveyPeople(deps: Deps, lang: Lang): Promise<SurveyPeople> {
  const text = surveyText(lang);
  const person = (role: "requester" | "agent" | "supervisor", who: string, name: string) =>
    makeUser(deps, { username: `sv-${who}-${lang}`, name, role, locale: lang, groups: role === "requester" ? [] : [N1] });
  return { emp: await person("requester", "emp", text.employee), n1: await person("agent", "n1", text.n1), boss: await person("supervisor", "boss", text.boss) };
}

/** A ticket of the employee's, taken and resolved by N1 through the commands (the UI path: the journey's first test). */
export async function resolvedTicket(deps: Deps, people: SurveyPeople, title: string, resolution: string): Promise<{ ticket: Ticket; number: string }> {
  const ticket = await makeTicket(deps, people.emp, { title, description: title });
  await takeTicket(deps, people.n1, ticket.id);
  await resolveTicket(deps, people.n1, ticket.id, { resolution, code: "fixed" });
  return { ticket, number: formatNumber(ticket.type, ticket.id) };
}

/** The requester's resolution email of a ticket (or its closing email: `template`), once the outbox has it. */
export async function resolutionMail(deps: Deps, to: string, ticketId: number, template = "ticket-resolved"): Promise<MailOutboxRow> {
  for (let i = 0; i < 50; i++) {
    const mails = await deps.db.getRepository(MailOutboxRow).findBy({ toAddress: to, template });
    const mail = mails.find((m) => m.html.includes(`/survey/${ticketId}.`));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${template} email of ticket ${ticketId} to ${to}`);
}

/**
 * The five rating links of the email's HTML, each exactly once, in order: links[n] is the
 * one of score n (its path: the test server is not the configured base URL).
 */
export function ratingLinks(html: string): string[] {
  const paths = [...html.matchAll(/href="[^"]*?(\/survey\/[^"?]+\?score=(\d))"/g)];
  expect(paths.map((m) => Number(m[2])), "the five rating links, 1 to 5").to.deep.equal([1, 2, 3, 4, 5]);
  return ["", ...paths.map((m) => m[1])];
}

export const survey = (deps: Deps, ticketId: number) => deps.db.getRepository(TicketSurvey).findOneBy({ ticketId });
export const internalNotes = (deps: Deps, ticketId: number) =>
  deps.db.getRepository(TicketComment).find({ where: { ticketId, internal: true }, order: { id: "ASC" } });

/** A choice of the rating form as read out: "2 — Dissatisfied" (exactly: "Dissatisfied" is in "Very dissatisfied" too). */
export const choice = (page: Page, lang: Lang, score: Score) => page.getByRole("radio", { name: `${score} — ${STRINGS[lang].surveys.scores[score]}`, exact: true });

/** Clicks a choice as a person does: on its label (the radio button itself is drawn by it). */
export const pick = (page: Page, score: Score) => page.locator(`label[for$="-score-${score}"]`).click();

/** "2/5 — Dissatisfied", as the pages write a score. */
export const scoreText = (lang: Lang, score: Score) => fill(STRINGS[lang].surveys.score, { score, label: STRINGS[lang].surveys.scores[score] });

/** An accessible name as read out, whatever the white space (French no-break spaces too). */
export const named = (text: string) => new RegExp(`^${squash(text).split(" ").map(escapeRegExp).join("\\s+")}$`);

/** Text as read, white space squashed (French no-break spaces too). */
export const textOf = async (page: Page, selector: string) => squash(await page.locator(selector).innerText());

/** Some of `target`'s fields set to `values` while `run` runs, then put back as they were. */
async function setWhile<O extends object, T>(target: O, values: Partial<O>, run: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(values).map((k) => [k, target[k as keyof O]]));
  Object.assign(target, values);
  try {
    return await run();
  } finally {
    Object.assign(target, before);
  }
}

/** The desk writes its notes in its own language (config.defaultLocale): the run's, while `run` runs. */
export const deskSpeaks = <T>(deps: Deps, lang: Lang, run: () => Promise<T>) => setWhile(deps.config as { defaultLocale: string }, { defaultLocale: lang }, run);

/** With the survey asked at the closing (reports.surveyOn "closed") while `run` runs. */
export const surveyOnClose = <T>(deps: Deps, run: () => Promise<T>) => setWhile(deps.config.reports, { surveyOn: "closed" }, run);
