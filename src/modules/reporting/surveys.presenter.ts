import type { TicketSurvey } from "./reporting.entity";
import { changeableUntil, LOW_SCORE } from "./survey-token";

/** A rating as the pages show it (the score's words come from t("surveys.scores.N") in the view). */
export interface SurveyAnswer {
  score: number;
  comment: string | null;
  firstAnsweredAt: Date;
  answeredAt: Date;
  /** Changed since the first answer. */
  changed: boolean;
  /** Until when it may be changed; `locked` once past. */
  until: Date;
  locked: boolean;
  low: boolean;
}

export function presentAnswer(s: TicketSurvey, now: Date): SurveyAnswer {
  const until = changeableUntil(s.firstAnsweredAt);
  return {
    score: s.score, comment: s.comment, firstAnsweredAt: s.firstAnsweredAt, answeredAt: s.answeredAt,
    changed: s.answeredAt.getTime() > s.firstAnsweredAt.getTime(), until, locked: now.getTime() >= until.getTime(), low: s.score <= LOW_SCORE,
  };
}

/**
 * Which choice the rating form shows selected: what was just typed (a refused POST), else
 * the score the email link carried, else the current answer.
 */
export function selectedScore(typed: unknown, linkScore: number | undefined, answer: SurveyAnswer | null): number | null {
  const n = Number(typed);
  if (Number.isInteger(n) && n >= 1 && n <= 5) return n;
  return linkScore ?? answer?.score ?? null;
}
