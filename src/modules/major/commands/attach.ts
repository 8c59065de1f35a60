import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { canTicket } from "../../../access/policies/ticket.policy";
import { isStaff } from "../../../access/roles";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { forbidden, notFound } from "../../../platform/http/errors";
import { Ticket } from "../../tickets/ticket.entity";
import { TicketHistory } from "../../tickets/history.entity";
import { formatNumber } from "../../tickets/ticket.types";
import { assertVersion, saveChange } from "../../tickets/workflow";
import type { ParentInput } from "../major.schemas";
import { incidentNumber, isOpen, loadParent, refuse } from "../rules";

/**
 * Who may link a child to a major incident: staff who read both tickets and work one of
 * them. The major incident's manager gathers the incidents of every tier on its page; the
 * N1 technician who takes a call attaches it to the major incident from the call's page.
 */
function authorizeLink(actor: Actor, parent: Ticket, child: Ticket): void {
  if (!canTicket(actor, "classify", parent) && !canTicket(actor, "classify", child)) {
    throw forbidden("ticket_action_forbidden", "errors.ticket_action_forbidden");
  }
}

/** A ticket named on a form: one the actor cannot read is "no such incident", as one that does not exist. */
async function named(tx: EntityManager, actor: Actor, id: number, field: string, lockParent = false): Promise<Ticket> {
  const t = lockParent ? await loadParent(tx, id) : await tx.findOne(Ticket, { where: { id } });
  if (!t || !canTicket(actor, "read", t)) throw refuse(422, "no_such_incident", { number: incidentNumber(id) }, field);
  return t;
}

/**
 * The rules of a parent-child link, then the change: history "parent" on the child and
 * "child" on the parent, in the caller's transaction. The parent's row is not rewritten
 * (its version stays): technicians attaching calls at the same time do not collide with
 * whoever works the major incident. Returns false when the child was already attached there.
 */
async function attach(tx: EntityManager, actor: Actor, parent: Ticket, child: Ticket, now: Date, field: string): Promise<boolean> {
  authorizeLink(actor, parent, child);
  const number = formatNumber(child.type, child.id);
  if (child.id === parent.id) throw refuse(422, "self", { number }, field);
  if (parent.type !== "incident" || !parent.major) throw refuse(422, "not_major", { number: formatNumber(parent.type, parent.id) }, field);
  if (!isOpen(parent)) throw refuse(409, "parent_closed", { number: incidentNumber(parent.id) });
  if (child.type !== "incident") throw refuse(422, "not_incident", { number }, field);
  if (child.major) throw refuse(422, "child_is_major", { number }, field);
  if (!isOpen(child)) throw refuse(409, "child_closed", { number });
  if (child.parentId === parent.id) return false;
  if (child.parentId) throw refuse(409, "already_attached", { number, parent: incidentNumber(child.parentId) });
  await saveChange(tx, child, actor, now, { parentId: parent.id }, [{ kind: "parent", from: null, to: incidentNumber(parent.id) }]);
  await tx.insert(TicketHistory, {
    ticketId: parent.id, actorId: actor.id, kind: "child", fromValue: null, toValue: number, reason: null, note: null, createdAt: now,
  });
  return true;
}

async function detach(tx: EntityManager, actor: Actor, parent: Ticket, child: Ticket, now: Date): Promise<Ticket> {
  authorizeLink(actor, parent, child);
  const saved = await saveChange(tx, child, actor, now, { parentId: null }, [{ kind: "parent", from: incidentNumber(parent.id), to: null }]);
  await tx.insert(TicketHistory, {
    ticketId: parent.id, actorId: actor.id, kind: "child", fromValue: formatNumber(child.type, child.id), toValue: null, reason: null, note: null, createdAt: now,
  });
  return saved;
}

const changed = (deps: Deps, actor: Actor, ids: number[]) => () => {
  for (const ticketId of ids) deps.bus.emit("ticket.changed", { ticketId, action: "parent", actorId: actor.id });
};

/**
 * From the major incident's page: attach one or more incidents, all or none (the first
 * refusal names the incident and nothing is attached). Returns how many were attached.
 */
export function attachChildren(deps: Deps, actor: Actor, parentId: number, childIds: number[]): Promise<{ parent: Ticket; attached: number }> {
  return withTransaction(deps.db, async (tx, afterCommit) => {
    const parent = await loadParent(tx, parentId);
    if (!parent) throw notFound("ticket_not_found");
    if (!canTicket(actor, "read", parent)) throw notFound("ticket_not_found");
    const now = deps.clock.now();
    const done: number[] = [];
    for (const id of [...new Set(childIds)]) {
      const child = await named(tx, actor, id, "tickets");
      if (await attach(tx, actor, parent, child, now, "tickets")) done.push(child.id);
    }
    afterCommit(changed(deps, actor, [parent.id, ...done]));
    return { parent, attached: done.length };
  });
}

/**
 * From the child's page (a select of the open major incidents) and the API: attach the
 * ticket to a major incident, or detach it (parentId null). Moving a child from one
 * parent to another is two steps (409 already_attached), so nobody moves it by mistake.
 */
export function setParent(deps: Deps, actor: Actor, childId: number, input: ParentInput): Promise<Ticket> {
  return withTransaction(deps.db, async (tx, afterCommit) => {
    const child = await tx.findOne(Ticket, { where: { id: childId } });
    if (!child || !canTicket(actor, "read", child)) throw notFound("ticket_not_found");
    // a requester reads their ticket but links nothing (before the parent is looked up)
    if (!isStaff(actor.role)) throw forbidden("ticket_action_forbidden", "errors.ticket_action_forbidden");
    await assertVersion(tx, child, input.version);
    const now = deps.clock.now();
    let saved = child;
    if (input.parentId === null) {
      if (!child.parentId) throw refuse(409, "not_attached", { number: formatNumber(child.type, child.id) });
      const parent = await loadParent(tx, child.parentId);
      if (!parent) throw notFound("ticket_not_found");
      saved = await detach(tx, actor, parent, child, now);
      afterCommit(changed(deps, actor, [parent.id, child.id]));
    } else {
      const parent = await named(tx, actor, input.parentId, "parentId", true);
      if (await attach(tx, actor, parent, child, now, "parentId")) afterCommit(changed(deps, actor, [parent.id, child.id]));
    }
    return saved;
  });
}

/** From the major incident's page: detach one of its children. */
export function detachChild(deps: Deps, actor: Actor, parentId: number, childId: number): Promise<Ticket> {
  return withTransaction(deps.db, async (tx, afterCommit) => {
    const parent = await loadParent(tx, parentId);
    const child = await tx.findOne(Ticket, { where: { id: childId } });
    if (!parent || !canTicket(actor, "read", parent)) throw notFound("ticket_not_found");
    if (!child || child.parentId !== parent.id || !canTicket(actor, "read", child)) throw notFound("ticket_not_found");
    const saved = await detach(tx, actor, parent, child, deps.clock.now());
    afterCommit(changed(deps, actor, [parent.id, child.id]));
    return saved;
  });
}
