import { In } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeProblem } from "../../../access/policies/problem.policy";
import type { Deps } from "../../../platform/deps";
import { notFound } from "../../../platform/http/errors";
import { Ticket } from "../../tickets/ticket.entity";
import { Category } from "../../tickets/category.entity";
import { User } from "../../users/user.entity";
import { SupportGroup } from "../../users/group.entity";
import { formatNumber, OPEN_STATUSES } from "../../tickets/ticket.types";
import { TicketWatcher } from "../../tickets/link.entity";
import { escapeLike } from "../../tickets/queries/queue";
import { Problem, ProblemHistory, type ProblemStatus } from "../problem.entity";
import { assertMove } from "../problem-states";

export interface ProblemIncident {
  number: string;
  title: string;
  status: string;
  createdAt: Date;
  category: string | null;
  location: string | null;
  department: string | null;
}

export interface ProblemDetail {
  problem: Problem;
  incidents: ProblemIncident[];
  /** How the linked incidents spread: by category, location and department, most first. */
  spread: Record<"category" | "location" | "department", { name: string; count: number }[]>;
  firstStarted: Date | null;
  history: ProblemHistory[];
  /** Display names of the people in the timeline, the owner among them. */
  people: Map<number, string>;
  group: string | null;
}

function countBy(items: ProblemIncident[], key: "category" | "location" | "department") {
  const counts = new Map<string, number>();
  for (const i of items) {
    const k = i[key] ?? "—";
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** A problem with its incidents (the whole desk's: problems are staff business), their spread and its timeline. */
export async function getProblem(deps: Deps, actor: Actor, id: number): Promise<ProblemDetail> {
  authorizeProblem(actor, "read");
  const m = deps.db.manager;
  const problem = await m.findOne(Problem, { where: { id } });
  if (!problem) throw notFound("problem_not_found");
  const tickets = await m.find(Ticket, { where: { problemId: id }, order: { createdAt: "ASC", id: "ASC" } });
  const [users, categories, history, group] = await Promise.all([
    tickets.length ? m.find(User, { where: { id: In([...new Set(tickets.map((t) => t.requesterId))]) } }) : Promise.resolve([]),
    m.find(Category),
    m.find(ProblemHistory, { where: { problemId: id }, order: { id: "ASC" } }),
    problem.groupId ? m.findOne(SupportGroup, { where: { id: problem.groupId } }) : null,
  ]);
  const personIds = [...new Set([problem.ownerId, ...history.map((h) => h.actorId)].filter((x): x is number => x !== null))];
  const people = personIds.length ? await m.find(User, { select: { id: true, displayName: true }, where: { id: In(personIds) } }) : [];
  const userById = new Map(users.map((u) => [u.id, u]));
  const categoryById = new Map(categories.map((c) => [c.id, c.name]));
  const incidents = tickets.map((t) => ({
    number: formatNumber(t.type, t.id), title: t.title, status: t.status, createdAt: t.createdAt,
    category: t.categoryId ? categoryById.get(t.categoryId) ?? null : null,
    location: userById.get(t.requesterId)?.location ?? null, department: userById.get(t.requesterId)?.department ?? null,
  }));
  return {
    problem, incidents, history, firstStarted: incidents[0]?.createdAt ?? null,
    people: new Map(people.map((u) => [u.id, u.displayName])), group: group?.name ?? null,
    spread: { category: countBy(incidents, "category"), location: countBy(incidents, "location"), department: countBy(incidents, "department") },
  };
}

export const PROBLEMS_PER_PAGE = 50;

/**
 * Problems, newest first, filtered by status, owner, category and words; the known errors
 * are status known_error. Keyset pages: `before` is the last id of the previous page.
 */
export async function listProblems(deps: Deps, actor: Actor, f: { status?: ProblemStatus; ownerId?: number; categoryId?: number; q?: string; before?: number; limit?: number }): Promise<Problem[]> {
  authorizeProblem(actor, "read");
  const qb = deps.db.getRepository(Problem).createQueryBuilder("p").orderBy("p.id", "DESC").limit(f.limit ?? PROBLEMS_PER_PAGE);
  if (f.before) qb.andWhere("p.id < :before", { before: f.before });
  if (f.status) qb.andWhere("p.status = :status", { status: f.status });
  if (f.ownerId) qb.andWhere("p.owner_id = :owner", { owner: f.ownerId });
  if (f.categoryId) qb.andWhere("p.category_id = :category", { category: f.categoryId });
  if (f.q) qb.andWhere("(LOWER(p.title) LIKE :q ESCAPE '\\' OR LOWER(COALESCE(p.workaround, '')) LIKE :q ESCAPE '\\')", { q: `%${escapeLike(f.q.toLowerCase())}%` });
  return qb.getMany();
}

/**
 * Who a workaround sent as a public reply would reach (its preview), refused as publishing
 * it is (the edit right, a status that allows publishing). The same people
 * publishWorkaround's notices reach, each once and never the actor: each linked open
 * incident replied on (not a child of a linked major incident: reached through it) tells
 * its requester and, unless the actor raised it, its 'merged' followers (tellWatchers); a
 * major incident's reply is its update (unless the actor raised it: shareMajorUpdate),
 * which reaches its open children's requesters, its own followers ('affected', 'merged')
 * and the children's 'merged' followers.
 */
export async function workaroundAudience(deps: Deps, actor: Actor, problemId: number): Promise<{ incidents: number; people: number }> {
  authorizeProblem(actor, "read");
  const db = deps.db.manager;
  const p = await db.findOne(Problem, { where: { id: problemId } });
  if (!p) throw notFound("problem_not_found");
  authorizeProblem(actor, "edit", p);
  assertMove("publish_workaround", p.status);
  const linked = await db.find(Ticket, { select: { id: true, requesterId: true, major: true, parentId: true }, where: { problemId, status: In([...OPEN_STATUSES]) } });
  const linkedMajors = new Set(linked.filter((t) => t.major).map((t) => t.id));
  const replied = linked.filter((t) => t.parentId === null || !linkedMajors.has(t.parentId));
  const updates = replied.filter((t) => t.major && t.requesterId !== actor.id).map((t) => t.id);
  const children = updates.length ? await db.find(Ticket, { select: { id: true, requesterId: true }, where: { parentId: In(updates), status: In([...OPEN_STATUSES]) } }) : [];
  // whose followers hear of it: a reply's (tellWatchers: not on the actor's own ticket), and everyone's in a major incident's update
  const followed = new Set([...replied.filter((t) => t.requesterId !== actor.id).map((t) => t.id), ...updates, ...children.map((c) => c.id)]);
  const followers = followed.size ? await db.find(TicketWatcher, { select: { userId: true, ticketId: true, reason: true }, where: { ticketId: In([...followed]) } }) : [];
  const fannedOut = new Set([...updates, ...children.map((c) => c.id)]);
  const people = new Set([
    ...replied.map((t) => t.requesterId), ...children.map((c) => c.requesterId),
    ...followers.filter((w) => w.reason === "merged" || fannedOut.has(w.ticketId)).map((w) => w.userId),
  ]);
  people.delete(actor.id);
  return { incidents: new Set([...linked, ...children].map((t) => t.id)).size, people: people.size };
}
