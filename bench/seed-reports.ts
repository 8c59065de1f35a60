import { prng } from "./prng";
import type { Row, Sink } from "./sinks";
import { TICKET_COLUMNS, type TicketRows } from "./generate";

/**
 * What the dashboard reads beside the tickets: the requesters' satisfaction surveys and
 * the knowledge base's deflections, for the 1,000,000-ticket data set. Each has its own
 * seeded sequence, so the tickets (and every other table) stay exactly as without them.
 */

export const SURVEY_COLUMNS = ["ticket_id", "requester_id", "score", "comment", "first_answered_at", "answered_at", "alerted_at"] as const;
const DEFLECTION_COLUMNS = ["article_id", "user_id", "query", "created_at"] as const;

/** Answered surveys: about one resolved ticket in seven, as a one-click rating in an email gets. */
const SURVEY_RATE = 0.15;
/** Satisfied more often than not, as service-desk surveys are (mean about 4.1). */
const SCORES = [[5, 50], [4, 27], [3, 11], [2, 7], [1, 5]] as const;
const COMMENTS: Record<"good" | "bad", readonly string[]> = {
  good: ["Quick and friendly, thank you!", "Solved on the first call.", "Merci, très efficace.", "Clear explanation, I can do it myself next time."],
  bad: ["I had to ask three times.", "The problem came back the next day.", "Nobody told me it was waiting on me.", "Toujours pas résolu pour moi."],
};
const MIN = 60_000;
const col = (name: (typeof TICKET_COLUMNS)[number]) => TICKET_COLUMNS.indexOf(name);
const ID = col("id"), REQUESTER = col("requester_id"), RESOLVED_AT = col("resolved_at");

/**
 * The survey of a generated ticket, or null: only resolved or closed tickets are asked; the
 * answer comes minutes to days after the resolution (never after `now`); a low score was
 * alerted at once (the supervisor's alert), and one answer in twenty was changed later.
 */
export function surveyMaker(seed: number, now: number): (g: TicketRows) => Row | null {
  const rng = prng(seed ^ 0x5c0e5);
  return (g) => {
    if (g.status !== "resolved" && g.status !== "closed") return null;
    if (!rng.chance(SURVEY_RATE)) return null;
    const score = rng.weighted(SCORES);
    const resolvedAt = Number(g.ticket[RESOLVED_AT]);
    const first = Math.min(now - MIN, resolvedAt + rng.int(5, 3 * 24 * 60) * MIN);
    const answered = rng.chance(0.05) ? Math.min(now - MIN, first + rng.int(1, 20 * 60) * MIN) : first;
    const comment = rng.chance(score <= 2 ? 0.6 : 0.2) ? rng.pick(COMMENTS[score <= 2 ? "bad" : "good"]) : null;
    return [g.ticket[ID], g.ticket[REQUESTER], score, comment, first, answered, score <= 2 ? first : null];
  };
}

/**
 * Problems solved by an article while an employee was writing a ticket (the ticket never
 * existed): about one for thirty tickets, spread evenly over the data set's span, each
 * pointing at one of the seeded articles (ids 1..articles).
 */
export async function seedDeflections(sink: Sink, o: { seed: number; start: number; now: number; tickets: number; articles: number; employees: { first: number; count: number } }): Promise<number> {
  if (!o.articles) return 0;
  const rng = prng(o.seed ^ 0xdef1);
  const count = Math.max(1, Math.round(o.tickets / 30));
  const step = (o.now - o.start) / count;
  const queries = ["imprimante bloquée", "mot de passe expiré", "vpn ne se connecte pas", "outlook lent", "écran noir au démarrage", "printer offline"];
  const rows: Row[] = [];
  for (let k = 0; k < count; k++) {
    rows.push([rng.int(1, o.articles), o.employees.first + rng.int(0, o.employees.count - 1), rng.pick(queries), Math.floor(o.start + k * step + rng.next() * step)]);
  }
  await sink.begin();
  await sink.insert("kb_deflections", DEFLECTION_COLUMNS, rows);
  await sink.commit();
  return count;
}
