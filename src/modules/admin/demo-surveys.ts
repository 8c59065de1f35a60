import { In } from "typeorm";
import type { ManualClock } from "../../platform/clock";
import type { Deps } from "../../platform/deps";
import { AppError } from "../../platform/http/errors";
import { Ticket } from "../tickets/ticket.entity";
import { answerSurvey } from "../reporting";

interface DemoRng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  weighted<T>(pairs: readonly (readonly [T, number])[]): T;
}

const HOUR = 3600_000;
/** Most people are content; a few are not, and say why (in their language). */
const SCORES = [[5, 45], [4, 30], [3, 12], [2, 8], [1, 5]] as const;
const COMMENTS: Record<"en" | "fr", Record<number, string[]>> = {
  en: {
    1: ["Nobody called me back, I had to chase the fix myself.", "Closed without asking me whether it worked."],
    2: ["It took three days for a five-minute fix.", "Fixed, but I had to explain the problem twice."],
    3: ["Works now, but it was slow.", ""],
    5: ["Quick and friendly, thank you!", ""],
  },
  fr: {
    1: ["Personne ne m’a rappelé, j’ai dû relancer moi-même.", "Clos sans me demander si cela fonctionnait."],
    2: ["Trois jours pour un correctif de cinq minutes.", "Réglé, mais j’ai dû expliquer le problème deux fois."],
    3: ["Cela fonctionne, mais c’était long.", ""],
    5: ["Rapide et aimable, merci\u00a0!", ""],
  },
};

/**
 * The demo's satisfaction answers: about two requesters in five rate their resolved or
 * closed ticket a few hours after the resolution, through the real command (so a low score
 * alerts the supervisors and leaves its internal note, as it would).
 */
export async function answerDemoSurveys(
  d: Deps, clock: ManualClock, rng: DemoRng, tickets: { id: number; requesterId: number; locale: "en" | "fr" }[], now: number,
): Promise<number> {
  let answered = 0;
  // when each was resolved, read once for all of them
  const rows = await d.db.getRepository(Ticket).find({ select: { id: true, resolvedAt: true }, where: { id: In(tickets.map((t) => t.id)) } });
  const resolvedAt = new Map(rows.map((r) => [r.id, r.resolvedAt]));
  for (const t of tickets) {
    if (rng.next() >= 0.4) continue;
    const score = rng.weighted(SCORES);
    const comment = rng.pick(COMMENTS[t.locale][score] ?? [""]);
    const resolved = resolvedAt.get(t.id);
    if (!resolved) continue;
    clock.set(new Date(Math.min(now - 60_000, resolved.getTime() + rng.int(1, 6) * HOUR)));
    try {
      await answerSurvey(d, t.requesterId, { id: t.id }, { score, comment: comment || null });
      answered++;
    } catch (err) {
      // reopened since, or a refused request: nothing to rate
      if (!(err instanceof AppError)) throw err;
    }
  }
  clock.set(new Date(now));
  return answered;
}
