import { In, IsNull, Not, type EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeProblem } from "../../../access/policies/problem.policy";
import type { Deps } from "../../../platform/deps";
import { Ticket } from "../../tickets/ticket.entity";
import { User } from "../../users/user.entity";
import { ProblemSuggestion } from "../problem-suggestion.entity";

export const SUGGESTIONS_PER_PAGE = 20;

export interface SuggestionIncident {
  id: number;
  type: Ticket["type"];
  title: string;
  status: Ticket["status"];
  createdAt: Date;
  problemId: number | null;
  location: string | null;
  department: string | null;
}

export interface SuggestionsPage {
  rows: { suggestion: ProblemSuggestion; incidents: SuggestionIncident[] }[];
  /** The cursor of the next page (count, id), or null on the last one. */
  next: { count: number; id: number } | null;
  /** The latest dismissals, with who dismissed them. */
  dismissed: { suggestion: ProblemSuggestion; by: string | null }[];
}

async function inChunks<T>(ids: number[], load: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await load(ids.slice(i, i + 500))));
  return out;
}

async function incidentsOf(m: EntityManager, ids: number[]): Promise<Map<number, SuggestionIncident>> {
  const tickets = await inChunks(ids, (chunk) => m.find(Ticket, {
    select: { id: true, type: true, title: true, status: true, createdAt: true, problemId: true, requesterId: true }, where: { id: In(chunk) },
  }));
  const requesterIds = [...new Set(tickets.map((t) => t.requesterId))];
  const users = await inChunks(requesterIds, (chunk) => m.find(User, { select: { id: true, location: true, department: true }, where: { id: In(chunk) } }));
  const userById = new Map(users.map((u) => [u.id, u]));
  return new Map(tickets.map((t) => [t.id, {
    id: t.id, type: t.type, title: t.title, status: t.status, createdAt: t.createdAt, problemId: t.problemId,
    location: userById.get(t.requesterId)?.location ?? null, department: userById.get(t.requesterId)?.department ?? null,
  }]));
}

/**
 * The live suggestions, largest first (keyset on count and id), each with its incidents as
 * they are now (one linked meanwhile shows its problem), and the latest dismissals.
 */
export async function listSuggestions(deps: Deps, actor: Actor, after?: { count: number; id: number }): Promise<SuggestionsPage> {
  authorizeProblem(actor, "read");
  const m = deps.db.manager;
  const qb = m.createQueryBuilder(ProblemSuggestion, "s").where("s.problem_id IS NULL AND s.dismissed_at IS NULL")
    .orderBy("s.count", "DESC").addOrderBy("s.id", "DESC").limit(SUGGESTIONS_PER_PAGE + 1);
  if (after) qb.andWhere("(s.count < :c OR (s.count = :c AND s.id < :i))", { c: after.count, i: after.id });
  const found = await qb.getMany();
  const page = found.slice(0, SUGGESTIONS_PER_PAGE);
  const incidents = await incidentsOf(m, [...new Set(page.flatMap((s) => s.ticketIds))]);
  const dismissed = await m.find(ProblemSuggestion, { where: { problemId: IsNull(), dismissedAt: Not(IsNull()) }, order: { dismissedAt: "DESC", id: "DESC" }, take: 10 });
  const byIds = [...new Set(dismissed.map((d) => d.dismissedById).filter((id): id is number => id !== null))];
  const people = byIds.length ? await m.find(User, { select: { id: true, displayName: true }, where: { id: In(byIds) } }) : [];
  const last = page[page.length - 1];
  return {
    rows: page.map((s) => ({ suggestion: s, incidents: s.ticketIds.map((id) => incidents.get(id)).filter((i): i is SuggestionIncident => Boolean(i)) })),
    next: found.length > SUGGESTIONS_PER_PAGE && last ? { count: last.count, id: last.id } : null,
    dismissed: dismissed.map((s) => ({ suggestion: s, by: people.find((p) => p.id === s.dismissedById)?.displayName ?? null })),
  };
}
