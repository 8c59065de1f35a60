import type { Page } from "playwright-core";
import type { Deps } from "../../src/platform/deps";
import type { Actor } from "../../src/access/actor";
import { createArticle, type KbArticle } from "../../src/modules/kb";
import { createKbCategory } from "../../src/modules/kb/commands/categories";
import type { Lang } from "./helpers";

/** The people and words of the knowledge-base browser tests, in each language (a French page shows French data). */
export function kbText(lang: Lang) {
  return lang === "en" ? {
    word: "printer",
    employee: "Emma Martin", employee2: "Oscar Reyes", n1: "Nico Dupont",
    category: "Printing", categoryHint: "Printers, scanners and paper jams.", other: "Accounts", otherHint: "Passwords and sign-in.",
    title: "Printer jams on every page",
    description: (name: string, email: string) => `Hello, ${name} here (${email}). Since this morning the printer on floor 3 says "Paper jam" on every job.`,
    reply: "Hello, this article shows how to clear it.",
    resolution: "Opened tray 2, took out the torn sheet behind the roller and restarted the printer.",
    password: { title: "Change your password", body: "Open **My profile**, choose a new password and confirm it." },
  } : {
    word: "imprimante",
    employee: "Élodie Bernard", employee2: "Gaëlle Lefèvre", n1: "Noël Girard",
    category: "Impression", categoryHint: "Imprimantes, scanners et bourrages papier.", other: "Comptes", otherHint: "Mots de passe et connexion.",
    title: "L’imprimante bourre à chaque page",
    description: (name: string, email: string) => `Bonjour, c’est ${name} (${email}). Depuis ce matin, l’imprimante du 3e étage affiche «\u00a0Bourrage papier\u00a0» à chaque impression.`,
    reply: "Bonjour, cet article explique comment la débloquer.",
    resolution: "Bac 2 ouvert, feuille déchirée retirée derrière le rouleau, imprimante redémarrée.",
    password: { title: "Changer son mot de passe", body: "Ouvrez **Mon profil**, choisissez un nouveau mot de passe et confirmez-le." },
  };
}

/** A step of each printer article, as its text reads once inserted into a reply. */
export const PRINTER_STEP: Record<Lang, string> = {
  en: "Pull the torn sheet out gently, towards you.",
  fr: "Retirez doucement la feuille coincée, vers vous.",
};

export interface KbSeed {
  category: number;
  /** Published, for everyone: the English and the French printer article. */
  en: KbArticle;
  fr: KbArticle;
  /** The article of the test's language. */
  mine: KbArticle;
  agents: KbArticle;
  draft: KbArticle;
  password: KbArticle;
}

/**
 * The knowledge base as the tests find it, written through the commands: a printer article
 * for everyone in English and in French, an agent-only one, a draft (both about the printer
 * too, so a search would find them if the audience did not keep them out), and one on
 * another topic. English titles carry no ":" or "?", so a French page listing them stays
 * typographically French.
 */
export async function seedKb(deps: Deps, editor: Actor, lang: Lang): Promise<KbSeed> {
  const text = kbText(lang);
  const category = (await createKbCategory(deps, editor, { name: text.category, description: text.categoryHint, position: null })).id;
  const other = (await createKbCategory(deps, editor, { name: text.other, description: text.otherHint, position: null })).id;
  const make = (input: Partial<Parameters<typeof createArticle>[2]> & { title: string; body: string }) =>
    createArticle(deps, editor, { audience: "everyone", status: "published", categoryId: category, tags: [], ...input });
  const en = await make({
    title: "How to clear a printer paper jam", summary: "What to do when the printer says Paper jam.", tags: ["printer", "jam"],
    body: `1. Open **tray 2** and the front door.\n2. ${PRINTER_STEP.en}\n3. Close everything and print again.\n\nStill jammed after that? Report it.`,
  });
  const fr = await make({
    title: "Débloquer un bourrage papier de l’imprimante", summary: "Que faire quand l’imprimante affiche «\u00a0Bourrage papier\u00a0».", tags: ["imprimante", "bourrage"],
    body: `1. Ouvrez le **bac 2** et la porte avant.\n2. ${PRINTER_STEP.fr}\n3. Refermez tout et relancez l’impression.\n\nToujours bloquée\u00a0? Signalez-le.`,
  });
  const agents = await make(lang === "en"
    ? { title: "Printer firmware reset for technicians", audience: "agents", body: "Hold **Cancel** while powering the printer on, then load the firmware from the print server." }
    : { title: "Réinitialiser le micrologiciel de l’imprimante", audience: "agents", body: "Maintenez **Annuler** en allumant l’imprimante, puis chargez le micrologiciel depuis le serveur d’impression." });
  const draft = await make(lang === "en"
    ? { title: "Printer driver for macOS", status: "draft", body: "Work in progress, the printer driver package is not signed yet." }
    : { title: "Pilote d’imprimante pour macOS", status: "draft", body: "En cours, le paquet du pilote d’imprimante n’est pas encore signé." });
  const password = await make({ title: text.password.title, body: text.password.body, categoryId: other });
  return { category, en, fr, mine: lang === "en" ? en : fr, agents, draft, password };
}

/**
 * Types into a field key by key (the debounced htmx request fires as it would for a person)
 * and waits for the answer to the complete text, not one sent halfway through the typing.
 */
export async function typeAndWait(page: Page, field: string, text: string, path: RegExp, param: string): Promise<void> {
  const answered = page.waitForResponse((r) => path.test(new URL(r.url()).pathname) && new URL(r.url()).searchParams.get(param) === text);
  await page.locator(field).pressSequentially(text, { delay: 10 });
  await answered;
}

/**
 * Wait until a field's value satisfies a test, asking from the test's side (a
 * waitForFunction given as a string needs eval, which the pages' CSP forbids).
 */
export async function waitForValue(field: ReturnType<Page["locator"]>, ok: (v: string) => boolean, timeoutMs = 5000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await field.inputValue();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`the field's value never matched: ${JSON.stringify(v.slice(0, 200))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
