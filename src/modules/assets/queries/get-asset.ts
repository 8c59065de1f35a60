import { recentIncidents } from "./ticket-assets";
import { In } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeAsset, canAsset } from "../../../access/policies/asset.policy";
import { canProblem } from "../../../access/policies/problem.policy";
import { ticketScope } from "../../../access/scopes";
import type { Deps } from "../../../platform/deps";
import { toDate } from "../../../platform/db/columns";
import { positional, rawQuery } from "../../../platform/db/raw";
import { notFound } from "../../../platform/http/errors";
import { formatProblemNumber, type ProblemStatus } from "../../problems/problem.entity";
import { formatNumber, type TicketStatus, type TicketType } from "../../tickets/ticket.types";
import { User } from "../../users/user.entity";
import { AssetHistory, AssetType, type Asset } from "../asset.entity";
import { findAssetByTag } from "../commands/asset-rules";
import type { AssetOwner } from "./list-assets";

/** "Recurring": so many incidents on one asset within so many days. */
export const RECURRENCE_DAYS = 30;
export const RECURRENCE_THRESHOLD = 3;
/** The newest tickets an asset page lists (a device's whole life rarely reaches it). */
export const ASSET_TICKETS_SHOWN = 200;

export interface AssetTicket {
  id: number;
  number: string;
  title: string;
  status: TicketStatus;
  createdAt: Date;
}

export interface AssetProblem {
  number: string;
  title: string;
  status: ProblemStatus;
}

export interface AssetDetail {
  asset: Asset;
  type: AssetType | null;
  owner: AssetOwner | null;
  /** Newest first. */
  history: AssetHistory[];
  /** The people in the history, by id. */
  actors: Map<number, AssetOwner>;
  /** The linked tickets the actor may read, newest first. */
  tickets: AssetTicket[];
  /** The problems of the linked tickets: the desk's business, empty for anyone else. */
  problems: AssetProblem[];
  /** Incidents linked to the asset, created in the last RECURRENCE_DAYS days. */
  recentIncidents: number;
  recurring: boolean;
}

/**
 * An asset's page: the record, its owner and type, its history, the tickets about it (only
 * those the actor may read: ticketScope), their problems (staff only), and how often it
 * failed lately. The recurrence figure counts every incident linked to the asset, not only
 * the ones the actor reads: it is a fact about the device, and names no ticket.
 */
/** The newest history rows an asset's page and API show. */
const HISTORY_SHOWN = 200;
const EMPLOYEE_HISTORY: ReadonlySet<string> = new Set(["created", "status", "imported"]);

export async function getAsset(deps: Deps, actor: Actor, tag: string): Promise<AssetDetail> {
  authorizeAsset(actor, "read");
  const m = deps.db.manager;
  const asset = await findAssetByTag(m, tag);
  if (!asset) throw notFound("asset_not_found");
  authorizeAsset(actor, "read", asset);
  const since = new Date(deps.clock.now().getTime() - RECURRENCE_DAYS * 86_400_000);
  const [type, owner, history, tickets, problems, recent] = await Promise.all([
    m.findOne(AssetType, { where: { id: asset.typeId } }),
    asset.ownerId ? m.findOne(User, { select: { id: true, username: true, displayName: true }, where: { id: asset.ownerId } }) : null,
    m.find(AssetHistory, { where: { assetId: asset.id }, order: { id: "DESC" }, take: HISTORY_SHOWN }),
    linkedTickets(deps, actor, asset.id),
    canProblem(actor, "read") ? linkedProblems(deps, asset.id) : Promise.resolve([]),
    recentIncidents(deps, [asset.id], since),
  ]);
  const actorIds = [...new Set(history.map((h) => h.actorId).filter((id): id is number => id !== null))];
  const people = actorIds.length ? await m.find(User, { select: { id: true, username: true, displayName: true }, where: { id: In(actorIds) } }) : [];
  const incidents = recent.get(asset.id) ?? 0;
  // an employee reading their own device: its status story, not the desk's notes, earlier
  // owners or the tickets (other people's) it was linked to
  const shown = canAsset(actor, "edit", asset) ? history : history.filter((h) => EMPLOYEE_HISTORY.has(h.kind)).map((h) => ({ ...h, note: null }));
  return {
    asset, type, owner: owner ? { id: owner.id, username: owner.username, displayName: owner.displayName } : null, history: shown,
    actors: new Map(people.map((u) => [u.id, { id: u.id, username: u.username, displayName: u.displayName }])), tickets, problems, recentIncidents: incidents, recurring: incidents >= RECURRENCE_THRESHOLD,
  };
}

async function linkedTickets(deps: Deps, actor: Actor, assetId: number): Promise<AssetTicket[]> {
  const scope = ticketScope(actor, "t");
  const { sql, values } = positional(
    "SELECT t.id, t.type, t.title, t.status, t.created_at FROM ticket_assets ta JOIN tickets t ON t.id = ta.ticket_id WHERE ta.asset_id = :asset" +
    `${scope ? ` AND ${scope.sql}` : ""} ORDER BY t.id DESC LIMIT ${ASSET_TICKETS_SHOWN}`,
    { asset: assetId, ...scope?.params },
  );
  const rows = await rawQuery<{ id: number; type: TicketType; title: string; status: TicketStatus; created_at: string | number }>(deps.db, sql, values);
  return rows.map((r) => ({ id: Number(r.id), number: formatNumber(r.type, Number(r.id)), title: r.title, status: r.status, createdAt: toDate(r.created_at) as Date }));
}

/** Every problem one of the asset's tickets is linked to, newest first. */
async function linkedProblems(deps: Deps, assetId: number): Promise<AssetProblem[]> {
  const rows = await rawQuery<{ id: number; title: string; status: ProblemStatus }>(deps.db,
    "SELECT p.id, p.title, p.status FROM problems p WHERE p.id IN (SELECT t.problem_id FROM ticket_assets ta JOIN tickets t ON t.id = ta.ticket_id WHERE ta.asset_id = ?) ORDER BY p.id DESC",
    [assetId]);
  return rows.map((r) => ({ number: formatProblemNumber(Number(r.id)), title: r.title, status: r.status }));
}
