import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { isStaff } from "../../../access/roles";
import { authorizeProblem } from "../../../access/policies/problem.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { AppError, invalid, notFound } from "../../../platform/http/errors";
import { notify, type Notice } from "../../notifications/notify";
import { formatProblemNumber, Problem } from "../../problems/problem.entity";
import { Ticket } from "../ticket.entity";
import { TicketLink, TicketWatcher } from "../link.entity";
import { formatNumber } from "../ticket.types";
import { assertNotMerged, insertHistory, loadForAction } from "../workflow";
import { resolveTicketRef } from "../queries/ticket-ref";
import type { RelateTarget, TicketRef } from "../link.schemas";

/**
 * The ticket whose links change: staff who work it (canTicket "note": a link documents the
 * ticket, as an internal note does); requesters never. A merged duplicate is read-only.
 */
async function loadLinking(tx: EntityManager, actor: Actor, id: number): Promise<Ticket> {
  const t = await loadForAction(tx, actor, id, "note");
  assertNotMerged(t);
  return t;
}

/**
 * The other ticket: one the actor may read, else the same 404 as one that does not exist.
 * A link writes history on both sides, so a merged duplicate (read-only) is refused (409)
 * on this side too: links to it made before the merge stay as they were.
 */
async function loadOther(tx: EntityManager, actor: Actor, t: Ticket, ref: TicketRef): Promise<Ticket> {
  if (ref.id === t.id) throw invalid({ number: "links.errors.relate_self" }, "relate_self");
  const other = await resolveTicketRef(tx, actor, ref);
  assertNotMerged(other);
  return other;
}

async function loadProblem(tx: EntityManager, actor: Actor, id: number): Promise<Problem> {
  authorizeProblem(actor, "read");
  const p = await tx.findOne(Problem, { where: { id } });
  if (!p) throw new AppError(404, "problem_not_found", "links.errors.problem_not_found", { number: formatProblemNumber(id) });
  return p;
}

/**
 * History rows of a link: no version bump, like an internal note (a link changes nothing
 * the requester acts on, so it does not make an open page stale).
 */
async function history(tx: EntityManager, actor: Actor, now: Date, rows: { ticketId: number; kind: "related" | "unrelated"; other: string }[]): Promise<void> {
  for (const r of rows) {
    await insertHistory(tx, r.ticketId, actor.id, [r.kind === "related" ? { kind: r.kind, to: r.other } : { kind: r.kind, from: r.other }], now);
  }
}

/** A pair of tickets is stored once, the lower id first, whichever side it was made from. */
const pairOf = (a: Ticket, b: Ticket) => ({ ticketId: Math.min(a.id, b.id), otherTicketId: Math.max(a.id, b.id) });

/** The same history line on both tickets of a pair, each naming the other. */
const onBothSides = (kind: "related" | "unrelated", a: Ticket, b: Ticket) => [
  { ticketId: a.id, kind, other: formatNumber(b.type, b.id) },
  { ticketId: b.id, kind, other: formatNumber(a.type, a.id) },
];

/** Relate two tickets: one row per pair (lower id first), shown on both; relating again changes nothing. */
export function relateTickets(deps: Deps, actor: Actor, ticketId: number, ref: TicketRef): Promise<Ticket> {
  return withTransaction(deps.db, async (tx) => {
    const t = await loadLinking(tx, actor, ticketId);
    const other = await loadOther(tx, actor, t, ref);
    const pair = pairOf(t, other);
    if (await tx.findOne(TicketLink, { where: pair })) return t;
    const now = deps.clock.now();
    await tx.createQueryBuilder().insert().into(TicketLink).values({ ...pair, problemId: null, createdById: actor.id, createdAt: now }).orIgnore().execute();
    await history(tx, actor, now, onBothSides("related", t, other));
    return t;
  });
}

export function unrelateTickets(deps: Deps, actor: Actor, ticketId: number, ref: TicketRef): Promise<Ticket> {
  return withTransaction(deps.db, async (tx) => {
    const t = await loadLinking(tx, actor, ticketId);
    const other = await loadOther(tx, actor, t, ref);
    const res = await tx.delete(TicketLink, pairOf(t, other));
    if (!res.affected) throw notFound("link_not_found");
    await history(tx, actor, deps.clock.now(), onBothSides("unrelated", t, other));
    return t;
  });
}

/** Relate a ticket to a problem (any problem the desk reads; not the incident's cause, which is tickets.problem_id). */
export function relateProblem(deps: Deps, actor: Actor, ticketId: number, problemId: number): Promise<Ticket> {
  return withTransaction(deps.db, async (tx) => {
    const t = await loadLinking(tx, actor, ticketId);
    const p = await loadProblem(tx, actor, problemId);
    if (await tx.findOne(TicketLink, { where: { ticketId: t.id, problemId: p.id } })) return t;
    const now = deps.clock.now();
    await tx.createQueryBuilder().insert().into(TicketLink).values({ ticketId: t.id, otherTicketId: null, problemId: p.id, createdById: actor.id, createdAt: now }).orIgnore().execute();
    await history(tx, actor, now, [{ ticketId: t.id, kind: "related", other: formatProblemNumber(p.id) }]);
    return t;
  });
}

export function unrelateProblem(deps: Deps, actor: Actor, ticketId: number, problemId: number): Promise<Ticket> {
  return withTransaction(deps.db, async (tx) => {
    const t = await loadLinking(tx, actor, ticketId);
    const p = await loadProblem(tx, actor, problemId);
    const res = await tx.delete(TicketLink, { ticketId: t.id, problemId: p.id });
    if (!res.affected) throw notFound("link_not_found");
    await history(tx, actor, deps.clock.now(), [{ ticketId: t.id, kind: "unrelated", other: formatProblemNumber(p.id) }]);
    return t;
  });
}

/** The links panel's one field: a ticket or a problem number. */
export const relate = (deps: Deps, actor: Actor, ticketId: number, to: RelateTarget) =>
  ("problem" in to ? relateProblem(deps, actor, ticketId, to.problem) : relateTickets(deps, actor, ticketId, to.ticket));
export const unrelate = (deps: Deps, actor: Actor, ticketId: number, to: RelateTarget) =>
  ("problem" in to ? unrelateProblem(deps, actor, ticketId, to.problem) : unrelateTickets(deps, actor, ticketId, to.ticket));

/**
 * Who tellWatchers tells of a public update the desk made on `t`: its followers (the
 * requesters of duplicates merged into it, reason 'merged'), but only for a public staff
 * reply or resolution (see queries/public-replies.ts: staff, not the ticket's requester),
 * never the actor nor its requester. The major incident's fan-out reads the same list, so
 * that whoever this leaves out is told by it, and whoever this tells is not told twice.
 */
export async function watchersToTell(tx: EntityManager, actor: Actor, t: Ticket): Promise<number[]> {
  if (!isStaff(actor.role) || actor.id === t.requesterId) return [];
  const watchers = await tx.find(TicketWatcher, { where: { ticketId: t.id, reason: "merged" } });
  return watchers.filter((w) => w.userId !== actor.id && w.userId !== t.requesterId).map((w) => w.userId);
}

/**
 * Tell a ticket's followers (watchersToTell) of a public update the desk made (a public
 * staff reply, the resolution), under its public title. Employees "affected" by a major
 * incident hear of it through the major incident's own notices, never from here.
 * Returns the ids told.
 */
export async function tellWatchers(tx: EntityManager, deps: Deps, actor: Actor, t: Ticket, notice: Omit<Notice, "ticket">): Promise<number[]> {
  const to = await watchersToTell(tx, actor, t);
  if (!to.length) return to;
  await notify(tx, deps, to, { ...notice, ticket: { id: t.id, number: formatNumber(t.type, t.id), title: t.publicTitle ?? t.title } });
  return to;
}
