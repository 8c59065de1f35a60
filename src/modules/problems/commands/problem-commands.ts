import { In, type EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeProblem, canProblem } from "../../../access/policies/problem.policy";
import { authorizeTicket } from "../../../access/policies/ticket.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { conflict, invalid, notFound } from "../../../platform/http/errors";
import { Ticket } from "../../tickets/ticket.entity";
import { TicketComment } from "../../tickets/comment.entity";
import { formatNumber, OPEN_STATUSES } from "../../tickets/ticket.types";
import { assertNotMerged, saveChange } from "../../tickets/workflow";
import { tellAbout } from "../../tickets/commands/run";
import { tellWatchers } from "../../tickets/commands/link-tickets";
import { resolveMajorChildren, shareMajorUpdate } from "../../major";
import { invalidateQueueCounts } from "../../tickets/queries/queue-counts";
import { Category } from "../../tickets/category.entity";
import { formatProblemNumber, Problem, ProblemHistory, type ProblemHistoryKind } from "../problem.entity";
import { assertMove } from "../problem-states";
import { assertProblemVersion, writeProblem } from "./problem-version";

export interface CreateProblemInput {
  title?: string | null;
  description?: string | null;
  categoryId?: number | null;
  affected?: string | null;
  priority?: number | null;
  /** "Open a problem from this incident": title, category and priority come from it, and it is linked. */
  fromIncidentId?: number | null;
}

export type HistoryRow = { kind: ProblemHistoryKind; field?: string | null; from?: string | null; to?: string | null; note?: string | null };

/** The history columns hold 200 characters: a longer value is cut with an ellipsis (a text field's full value goes in the note). */
const cut = (v: string | null | undefined) => (v == null ? null : v.length > 200 ? `${v.slice(0, 199)}…` : v);

export async function history(tx: EntityManager, problemId: number, actor: Actor, now: Date, rows: HistoryRow[]): Promise<void> {
  if (!rows.length) return;
  await tx.insert(ProblemHistory, rows.map((h) => ({
    problemId, actorId: actor.id > 0 ? actor.id : null, kind: h.kind, field: h.field ?? null, fromValue: cut(h.from), toValue: cut(h.to),
    note: h.note ?? null, createdAt: now,
  })));
}

export async function loadProblem(tx: EntityManager, actor: Actor, id: number, action: Parameters<typeof authorizeProblem>[1]): Promise<Problem> {
  authorizeProblem(actor, "read");
  const p = await tx.findOne(Problem, { where: { id } });
  if (!p) throw notFound("problem_not_found");
  authorizeProblem(actor, action, p);
  return p;
}

/**
 * An incident to link: one the actor may read, or any incident for a problem specialist
 * (problem management spans the tiers: N2 links the incidents N1 is still working).
 */
async function loadIncident(tx: EntityManager, actor: Actor, ticketId: number): Promise<Ticket> {
  const t = await tx.findOne(Ticket, { where: { id: ticketId } });
  if (!t) throw notFound("ticket_not_found");
  if (!canProblem(actor, "link")) authorizeTicket(actor, "read", t);
  if (t.type !== "incident") throw invalid({ ticket: "problems.errors.not_incident" }, "not_incident");
  assertNotMerged(t);
  return t;
}

/**
 * The workaround, as an internal note on an incident, and optionally as a public reply
 * told to its requester and watchers, as any public reply is. On a major incident that
 * reply is its public update: every open child and every employee following it get it.
 */
async function shareWorkaround(tx: EntityManager, deps: Deps, actor: Actor, p: Problem, t: Ticket, now: Date, publicReply: boolean): Promise<void> {
  const body = p.workaround ?? "";
  await tx.insert(TicketComment, { ticketId: t.id, authorId: actor.id, body: `${formatProblemNumber(p.id)} — ${body}`, internal: true, createdAt: now });
  if (!publicReply) return;
  await tx.insert(TicketComment, { ticketId: t.id, authorId: actor.id, body, internal: false, createdAt: now });
  const saved = await saveChange(tx, t, actor, now, { lastPublicActivityAt: now }, [], { publicResponse: true });
  const notice = { kind: "ticket_reply" as const, params: { name: actor.displayName }, mailData: { body } };
  await tellAbout(tx, deps, actor, saved, [{ ...notice, to: [t.requesterId] }]);
  await tellWatchers(tx, deps, actor, saved, notice);
  await shareMajorUpdate(tx, deps, actor, saved, body, now);
}

/**
 * The open incidents of a problem, each read when its turn comes (a major incident's
 * fan-out may have changed its children meanwhile); a child whose major incident is
 * linked too is reached through it, so `viaParent` tells the caller to skip the public part.
 */
async function* eachOpenIncident(tx: EntityManager, problemId: number): AsyncGenerator<{ t: Ticket; viaParent: boolean }> {
  const linked = await openIncidentsOf(tx, problemId);
  const majors = new Set(linked.filter((t) => t.major).map((t) => t.id));
  // major incidents first, so their children are reached through them
  for (const { id } of [...linked].sort((a, b) => Number(b.major) - Number(a.major) || a.id - b.id)) {
    const t = await tx.findOne(Ticket, { where: { id } });
    if (t) yield { t, viaParent: t.parentId !== null && majors.has(t.parentId) };
  }
}

/**
 * A new problem in a transaction (status new, owned by the agent who creates it, in their
 * first tier 2/3 group) with its "created" history row.
 */
export async function insertProblem(
  tx: EntityManager, actor: Actor, now: Date, f: { title: string; description: string; categoryId: number | null; affected: string | null; priority: number; note?: string },
): Promise<Problem> {
  const fields: Record<string, string> = {};
  if (!f.title.trim()) fields.title = "validation.required";
  if (f.categoryId && !(await tx.findOne(Category, { where: { id: f.categoryId } }))) fields.categoryId = "validation.choice";
  if (Object.keys(fields).length) throw invalid(fields);
  const p = await tx.save(tx.create(Problem, {
    title: f.title.trim().slice(0, 200), description: f.description, categoryId: f.categoryId, affected: f.affected,
    priority: f.priority, ownerId: actor.role === "agent" ? actor.id : null,
    groupId: actor.groups.find((g) => g.tier >= 2)?.id ?? null, status: "new", symptoms: null, rootCause: null, impact: null,
    workaround: null, permanentFix: null, resolution: null, version: 1, createdById: actor.id, createdAt: now, updatedAt: now,
    knownErrorAt: null, resolvedAt: null, closedAt: null,
  }));
  await history(tx, p.id, actor, now, [{ kind: "created", to: "new", note: f.note ?? null }]);
  return p;
}

export async function createProblem(deps: Deps, actor: Actor, input: CreateProblemInput): Promise<Problem> {
  authorizeProblem(actor, "create");
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const incident = input.fromIncidentId ? await loadIncident(tx, actor, input.fromIncidentId) : null;
    if (incident?.problemId) throw conflict("already_linked", "problems.errors.already_linked", { number: formatProblemNumber(incident.problemId) });
    const p = await insertProblem(tx, actor, now, {
      title: input.title || incident?.title || "", description: input.description?.trim() || incident?.description || "",
      categoryId: input.categoryId ?? incident?.categoryId ?? null, affected: input.affected?.trim() || null,
      priority: input.priority ?? incident?.priority ?? 3,
    });
    if (incident) await linkTo(tx, deps, actor, p, incident, now);
    return p;
  });
}

/** Link an incident the caller loaded (and checked is free) to a problem, in the caller's transaction. */
export async function linkTo(tx: EntityManager, deps: Deps, actor: Actor, p: Problem, t: Ticket, now: Date): Promise<void> {
  const number = formatNumber(t.type, t.id);
  await saveChange(tx, t, actor, now, { problemId: p.id }, [{ kind: "problem", from: null, to: formatProblemNumber(p.id) }]);
  await history(tx, p.id, actor, now, [{ kind: "linked", to: number }]);
  // a known error's workaround reaches every incident linked to it, now or later
  if (p.status === "known_error" && p.workaround && OPEN_STATUSES.includes(t.status)) await shareWorkaround(tx, deps, actor, p, t, now, false);
}

/** Link an incident to a problem; an incident has at most one problem. */
export async function linkIncident(deps: Deps, actor: Actor, problemId: number, ticketId: number): Promise<Problem> {
  return withTransaction(deps.db, async (tx) => {
    const p = await loadProblem(tx, actor, problemId, "link_known_error");
    assertMove("link", p.status);
    const t = await loadIncident(tx, actor, ticketId);
    if (t.problemId === p.id) return p;
    if (t.problemId) throw conflict("already_linked", "problems.errors.already_linked", { number: formatProblemNumber(t.problemId) });
    await linkTo(tx, deps, actor, p, t, deps.clock.now());
    return p;
  });
}

export async function unlinkIncident(deps: Deps, actor: Actor, problemId: number, ticketId: number): Promise<Problem> {
  return withTransaction(deps.db, async (tx) => {
    const p = await loadProblem(tx, actor, problemId, "link");
    const t = await loadIncident(tx, actor, ticketId);
    if (t.problemId !== p.id) throw notFound("link_not_found");
    const now = deps.clock.now();
    await saveChange(tx, t, actor, now, { problemId: null }, [{ kind: "problem", from: formatProblemNumber(p.id), to: null }]);
    await history(tx, p.id, actor, now, [{ kind: "unlinked", from: formatNumber(t.type, t.id) }]);
    return p;
  });
}

const openIncidentsOf = (tx: EntityManager, problemId: number) =>
  tx.find(Ticket, { where: { problemId, status: In([...OPEN_STATUSES]) }, order: { id: "ASC" } });

/** The open children of a major incident, read before its fan-out changes them (for the events after commit). */
const openChildIds = async (tx: EntityManager, t: Ticket): Promise<number[]> =>
  t.major ? (await tx.find(Ticket, { select: { id: true }, where: { parentId: t.id, status: In([...OPEN_STATUSES]) } })).map((c) => c.id) : [];

/**
 * Publish a workaround: the problem becomes a known error, and the workaround goes to
 * every linked open incident as an internal note, and (if the agent chooses) as a public
 * reply to its requester. `version`: the one the page showed (another: 409 problem_changed).
 * Each incident written to (and each child a major incident's update reached) is a
 * ticket.changed after commit: queue counts, the portal's major-incident banner.
 */
export async function publishWorkaround(deps: Deps, actor: Actor, problemId: number, input: { text: string; notifyRequesters: boolean; version?: number }): Promise<{ problem: Problem; incidents: number }> {
  const text = input.text.trim();
  if (!text) throw invalid({ text: "validation.required" });
  return withTransaction(deps.db, async (tx, afterCommit) => {
    const p = await loadProblem(tx, actor, problemId, "edit");
    assertMove("publish_workaround", p.status);
    await assertProblemVersion(tx, p, input.version);
    const now = deps.clock.now();
    const before = p.status;
    await writeProblem(tx, p, { workaround: text, status: "known_error", knownErrorAt: p.knownErrorAt ?? now }, now);
    await history(tx, p.id, actor, now, [
      { kind: "workaround", note: text },
      ...(before !== "known_error" ? [{ kind: "status" as const, from: before, to: "known_error" }] : []),
    ]);
    let incidents = 0;
    for await (const { t, viaParent } of eachOpenIncident(tx, p.id)) {
      if (!OPEN_STATUSES.includes(t.status)) continue;
      const reply = input.notifyRequesters && !viaParent;
      // a public reply on a major incident is its update, copied to its open children
      const changed = [t.id, ...(reply ? await openChildIds(tx, t) : [])];
      afterCommit(() => {
        for (const ticketId of changed) deps.bus.emit("ticket.changed", { ticketId, action: reply ? "reply" : "note", actorId: actor.id });
      });
      await shareWorkaround(tx, deps, actor, p, t, now, input.notifyRequesters && !viaParent);
      incidents++;
    }
    return { problem: p, incidents };
  });
}

/**
 * Resolve the problem; optionally every linked open incident with it (each its own history
 * row and notice), a major incident with its children (each a ticket.changed after commit).
 * `version`: the one the page showed (another: 409 problem_changed).
 */
export async function resolveProblem(deps: Deps, actor: Actor, problemId: number, input: { resolution: string; resolveIncidents: boolean; version?: number }): Promise<{ problem: Problem; incidents: number }> {
  const resolution = input.resolution.trim();
  if (!resolution) throw invalid({ resolution: "validation.required" });
  const out = await withTransaction(deps.db, async (tx, afterCommit) => {
    const p = await loadProblem(tx, actor, problemId, "edit");
    assertMove("resolve", p.status);
    await assertProblemVersion(tx, p, input.version);
    const now = deps.clock.now();
    const before = p.status;
    await writeProblem(tx, p, { status: "resolved", resolution, permanentFix: p.permanentFix ?? resolution, resolvedAt: now }, now);
    await history(tx, p.id, actor, now, [{ kind: "status", from: before, to: "resolved", note: resolution }]);
    let resolved = 0;
    if (input.resolveIncidents) {
      for await (const { t } of eachOpenIncident(tx, p.id)) {
        // a child already resolved with its major incident
        if (!OPEN_STATUSES.includes(t.status)) continue;
        const childIds = await openChildIds(tx, t);
        afterCommit(() => {
          for (const ticketId of childIds) deps.bus.emit("ticket.changed", { ticketId, action: "resolve", actorId: actor.id });
        });
        const children = await resolveMajorChildren(tx, deps, actor, t, { resolution, code: "fixed" }, now);
        const saved = await saveChange(tx, t, actor, now,
          { status: "resolved", resolvedAt: now, resolutionCode: "fixed", resolution, pendingReason: null, lastPublicActivityAt: now, assigneeId: t.assigneeId ?? actor.id },
          [{ kind: "resolved", from: t.status, to: "fixed", note: `${formatProblemNumber(p.id)} — ${resolution}`, reason: "sla:with_problem" }], { publicResponse: true, deps });
        await tellAbout(tx, deps, actor, saved, [{ kind: "ticket_resolved", to: [t.requesterId], mailData: { resolution } }]);
        await tellWatchers(tx, deps, actor, saved, { kind: "ticket_resolved", mailData: { resolution } });
        resolved += 1 + children;
        // what listens for ticket changes (queue counts, the portal's major-incident banner)
        afterCommit(() => deps.bus.emit("ticket.changed", { ticketId: t.id, action: "resolve", actorId: actor.id }));
      }
    }
    return { problem: p, incidents: resolved };
  });
  if (out.incidents) invalidateQueueCounts(deps.db);
  return out;
}
