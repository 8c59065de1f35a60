import { In, type EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeProblem } from "../../../access/policies/problem.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { AppError, conflict } from "../../../platform/http/errors";
import { Category } from "../../tickets/category.entity";
import { Ticket } from "../../tickets/ticket.entity";
import { formatNumber } from "../../tickets/ticket.types";
import type { Problem } from "../problem.entity";
import { ProblemSuggestion } from "../problem-suggestion.entity";
import { insertProblem, linkTo } from "./problem-commands";

/** What the proposed title and description are made from (the route words them in the user's language). */
export interface SuggestionWords {
  category: string;
  dimension: ProblemSuggestion["dimension"];
  value: string;
  count: number;
  firstAt: Date;
  lastAt: Date;
}

/** A suggestion the job removed meanwhile (its incidents linked, the window moved on): the page says so over the list as it is now. */
export const suggestionGone = () => new AppError(404, "suggestion_not_found", "problems.errors.suggestion_gone");

/** A live suggestion (not dismissed, no problem made from it yet); a stale page gets a 409. */
async function loadLive(tx: EntityManager, id: number): Promise<ProblemSuggestion> {
  const s = await tx.findOne(ProblemSuggestion, { where: { id } });
  if (!s) throw suggestionGone();
  if (s.problemId) throw conflict("suggestion_used", "problems.errors.suggestion_used");
  if (s.dismissedAt) throw conflict("suggestion_dismissed", "problems.errors.suggestion_dismissed");
  return s;
}

/**
 * Write to a suggestion only if it is still live (two people clicking at once: the second
 * gets the 409, and its transaction rolls back) and, given `seen`, still the cluster read
 * (the job refreshing it meanwhile: a 409 too).
 */
async function claim(tx: EntityManager, id: number, set: Partial<ProblemSuggestion>, seen?: number): Promise<void> {
  const res = await tx.createQueryBuilder().update(ProblemSuggestion).set(set)
    .where(`id = :id AND problem_id IS NULL AND dismissed_at IS NULL${seen === undefined ? "" : " AND refreshed_at = :seen"}`, { id, seen }).execute();
  if (!res.affected) throw conflict("suggestion_used", "problems.errors.suggestion_used");
}

/**
 * "Create problem and link these": a problem titled after the cluster, in its category, and
 * every incident of the cluster that is still a free incident linked to it, in one
 * transaction. Incidents linked (or merged) meanwhile are skipped and named. `seen` is the
 * suggestion's refreshed_at the page showed: the job changed the cluster since (or no
 * `seen`): a 409, so that nobody links incidents they were not shown.
 */
export async function createProblemFromSuggestion(
  deps: Deps, actor: Actor, suggestionId: number, seen: number | undefined, words: (w: SuggestionWords) => { title: string; description: string },
): Promise<{ problem: Problem; linked: string[]; skipped: string[] }> {
  authorizeProblem(actor, "create");
  authorizeProblem(actor, "link");
  return withTransaction(deps.db, async (tx) => {
    const s = await loadLive(tx, suggestionId);
    if (seen !== s.refreshedAt.getTime()) throw conflict("suggestion_changed", "problems.errors.suggestion_changed");
    const now = deps.clock.now();
    const category = await tx.findOne(Category, { where: { id: s.categoryId } });
    const text = words({ category: category?.name ?? "", dimension: s.dimension, value: s.value, count: s.count, firstAt: s.firstIncidentAt, lastAt: s.lastIncidentAt });
    const tickets = s.ticketIds.length ? await tx.find(Ticket, { where: { id: In(s.ticketIds) }, order: { createdAt: "ASC", id: "ASC" } }) : [];
    const problem = await insertProblem(tx, actor, now, {
      title: text.title, description: text.description, categoryId: s.categoryId, affected: null,
      // as urgent as the most urgent incident it gathers
      priority: tickets.length ? Math.min(...tickets.map((t) => t.priority)) : 3, note: `suggestion:${s.clusterKey}`,
    });
    const linked: string[] = [];
    const skipped = s.ticketIds.filter((id) => !tickets.some((t) => t.id === id)).map((id) => formatNumber("incident", id));
    for (const t of tickets) {
      if (t.type !== "incident" || t.problemId || t.mergedIntoId) {
        skipped.push(formatNumber(t.type, t.id));
        continue;
      }
      await linkTo(tx, deps, actor, problem, t, now);
      linked.push(formatNumber(t.type, t.id));
    }
    await claim(tx, s.id, { problemId: problem.id }, s.refreshedAt.getTime());
    return { problem, linked, skipped };
  });
}

/** Dismiss a suggestion: remembered with who and when (see suggest/refresh.ts for when it comes back). */
export async function dismissSuggestion(deps: Deps, actor: Actor, suggestionId: number): Promise<ProblemSuggestion> {
  authorizeProblem(actor, "create");
  return withTransaction(deps.db, async (tx) => {
    const s = await loadLive(tx, suggestionId);
    Object.assign(s, { dismissedAt: deps.clock.now(), dismissedById: actor.id });
    await claim(tx, s.id, { dismissedAt: s.dismissedAt, dismissedById: s.dismissedById });
    return s;
  });
}
