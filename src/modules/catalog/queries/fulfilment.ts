import { handOverAllowed } from "../commands/hand-over-asset";
import type { Actor } from "../../../access/actor";
import { isStaff } from "../../../access/roles";
import { canTicket } from "../../../access/policies/ticket.policy";
import type { Deps } from "../../../platform/deps";
import { rawEntities, rawQuery } from "../../../platform/db/raw";
import type { Ticket } from "../../tickets/ticket.entity";
import { formatNumber, type TicketStatus, type TicketType } from "../../tickets/ticket.types";
import { cachedGroups } from "../../users/queries/groups";
import { User } from "../../users/user.entity";
import { CatalogApproval, CatalogItem, CatalogRequest, CatalogTask } from "../catalog.entity";

/** At most this many in-stock assets are offered in the hand-over select (the oldest tags first). */
const HAND_OVER_CHOICES = 200;

export interface FulfilmentPanel {
  /** Staff see task numbers (links), groups and the hand-over; the requester plain titles and states. */
  staff: boolean;
  /** This ticket is a fulfilment task: the request it belongs to. */
  taskOf: { number: string; title: string } | null;
  request: {
    approval: { state: CatalogApproval["state"]; approver: string; decidedAt: Date | null; via: string | null; reason: string | null } | null;
    tasks: { number: string; title: string; group: string | null; status: TicketStatus; done: boolean }[];
    done: number;
    percent: number;
    /** The in-stock assets the actor may hand over to the requester (null: no hand-over here). */
    handOver: { id: number; label: string }[] | null;
    /** Assets already handed over to the requester on this request. */
    handedOver: { tag: string; name: string }[];
  } | null;
}

type Row = Record<string, unknown>;

/**
 * The approval and fulfilment of a catalog request for its ticket page, or "task of
 * REQ-…" on a task's page; null for any other ticket (two primary-key lookups).
 */
export async function fulfilmentPanel(deps: Deps, actor: Actor, ticket: Ticket): Promise<FulfilmentPanel | null> {
  if (ticket.type !== "request" || !canTicket(actor, "read", ticket)) return null;
  const m = deps.db.manager;
  const staff = isStaff(actor.role) && canTicket(actor, "see_internal", ticket);
  // hand-written primary-key lookups: they run on every request's page, catalog or not
  const [[request], [link]] = await Promise.all([
    rawEntities(deps.db, CatalogRequest, "ticket_id = ?", [ticket.id]),
    rawEntities(deps.db, CatalogTask, "task_ticket_id = ?", [ticket.id]),
  ]);
  if (link) {
    const [parent] = await rawQuery<Row>(deps.db, "SELECT id, type, title FROM tickets WHERE id = ?", [link.requestTicketId]);
    return { staff, request: null, taskOf: parent ? { number: formatNumber(parent.type as TicketType, Number(parent.id)), title: String(parent.title) } : null };
  }
  if (!request) return null;
  const [approval, tasks, groups, item] = await Promise.all([
    m.findOne(CatalogApproval, { where: { ticketId: ticket.id }, order: { id: "DESC" } }),
    rawQuery<Row>(deps.db, "SELECT t.id, t.type, t.status, t.group_id, ct.title FROM catalog_tasks ct JOIN tickets t ON t.id = ct.task_ticket_id " +
      "WHERE ct.request_ticket_id = ? ORDER BY ct.position, ct.task_ticket_id", [ticket.id]),
    cachedGroups(deps.db),
    m.findOne(CatalogItem, { select: { id: true, fulfilAssetTypeId: true }, where: { id: request.itemId } }),
  ]);
  const approver = approval ? await m.findOne(User, { select: { id: true, displayName: true }, where: { id: approval.approverId } }) : null;
  const rows = tasks.map((r) => {
    const status = r.status as TicketStatus;
    return {
      number: formatNumber(r.type as TicketType, Number(r.id)), title: String(r.title), status, done: status === "resolved" || status === "closed",
      group: groups.find((g) => g.id === Number(r.group_id))?.name ?? null,
    };
  });
  const done = rows.filter((r) => r.done).length;
  const typeId = item?.fulfilAssetTypeId ?? null;
  const mayHandOver = staff && typeId !== null && handOverAllowed(ticket, request) && canTicket(actor, "classify", ticket);
  const [inStock, handed] = typeId === null ? [[], []] : await Promise.all([
    mayHandOver
      ? rawQuery<Row>(deps.db, `SELECT id, tag, name, model FROM assets WHERE type_id = ? AND status = 'in_stock' ORDER BY tag LIMIT ${HAND_OVER_CHOICES}`, [typeId])
      : Promise.resolve([] as Row[]),
    rawQuery<Row>(deps.db, "SELECT a.tag, a.name FROM ticket_assets ta JOIN assets a ON a.id = ta.asset_id " +
      "WHERE ta.ticket_id = ? AND a.owner_id = ? AND a.type_id = ? AND a.status = 'in_use' ORDER BY a.tag", [ticket.id, ticket.requesterId, typeId]),
  ]);
  return {
    staff, taskOf: null,
    request: {
      approval: approval ? {
        state: approval.state, approver: approver?.displayName ?? "?", decidedAt: approval.decidedAt, via: approval.decidedVia, reason: approval.reason,
      } : null,
      tasks: rows, done, percent: rows.length ? Math.round((done / rows.length) * 100) : 0,
      handOver: mayHandOver ? inStock.map((a) => ({ id: Number(a.id), label: [a.tag, a.name, a.model].filter(Boolean).join(" — ") })) : null,
      handedOver: handed.map((a) => ({ tag: String(a.tag), name: String(a.name) })),
    },
  };
}
