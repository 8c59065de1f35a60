import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { canTicket } from "../../../access/policies/ticket.policy";
import type { Deps } from "../../../platform/deps";
import { placeholders, rawEntities, rawQuery, txQuery } from "../../../platform/db/raw";
import type { Translate } from "../../../platform/i18n";
import type { Ticket } from "../../tickets/ticket.entity";
import { AssetHistory, type Asset, type AssetStatus } from "../asset.entity";
import { displayNames } from "../../users/queries/display-names";
import { cachedAssetTypes, typeLabel } from "../asset-types";
import { presentAssetTimeline, STATUS_BADGE, type AssetTimelineEntry } from "../assets.presenter";
import { RECURRENCE_DAYS, RECURRENCE_THRESHOLD } from "./get-asset";

/** A ticket is about a few devices; a runaway link list still renders a bounded panel. */
const LINKED_SHOWN = 20;
const HISTORY_SHOWN = 5;
/** The requester's equipment offered to link (and on the portal form). */
const OWN_SHOWN = 200;

export interface LinkedAssetView {
  tag: string;
  name: string;
  type: string;
  status: string;
  badge: string;
  owner: string | null;
  warrantyEnd: string | null;
  history: AssetTimelineEntry[];
  /** Incidents linked to the asset in the last RECURRENCE_DAYS days, when it is recurring (else null). */
  recurring: number | null;
}

export interface AssetPanel {
  staff: boolean;
  items: LinkedAssetView[];
  canLink: boolean;
  recurrenceDays: number;
}

type LinkedAsset = Pick<Asset, "id" | "tag" | "name" | "typeId" | "status" | "ownerId" | "warrantyEnd">;

/**
 * The assets linked to a ticket, by tag. Hand-written (as the next one): both run on every
 * ticket page, where the ORM's query building cost more than the queries.
 */
async function linkedAssets(m: EntityManager, ticketId: number): Promise<LinkedAsset[]> {
  const rows = await txQuery<Record<string, unknown>>(m,
    "SELECT a.id, a.tag, a.name, a.type_id, a.status, a.owner_id, a.warranty_end FROM ticket_assets ta JOIN assets a ON a.id = ta.asset_id " +
    `WHERE ta.ticket_id = ? ORDER BY a.tag LIMIT ${LINKED_SHOWN}`, [ticketId]);
  return rows.map((r) => ({
    id: Number(r.id), tag: String(r.tag), name: String(r.name), typeId: Number(r.type_id), status: r.status as AssetStatus,
    ownerId: r.owner_id == null ? null : Number(r.owner_id), warrantyEnd: (r.warranty_end as string | null) ?? null,
  }));
}

/** The last HISTORY_SHOWN rows of each asset, newest first, in one statement (ids in the order given). */
async function recentHistory(deps: Deps, ids: number[]): Promise<AssetHistory[][]> {
  if (!ids.length) return [];
  // the newest rows per asset only, whatever a shared printer's history holds
  const rows = await rawEntities(deps.db, AssetHistory,
    `id IN (SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY asset_id ORDER BY id DESC) AS rn FROM asset_history ` +
    `WHERE asset_id IN (${placeholders(ids.length)})) recent WHERE rn <= ${HISTORY_SHOWN}) ORDER BY id DESC`, ids);
  return ids.map((id) => rows.filter((h) => h.assetId === id));
}

/** What someone owns and still has (a retired device was handed back), by tag. */
export async function ownAssets(m: EntityManager, userId: number): Promise<{ tag: string; name: string }[]> {
  const rows = await txQuery<{ tag: string; name: string }>(m,
    `SELECT tag, name FROM assets WHERE owner_id = ? AND status <> 'retired' ORDER BY tag LIMIT ${OWN_SHOWN}`, [userId]);
  return rows.map((a) => ({ tag: String(a.tag), name: String(a.name) }));
}

/** The ticket JSON's `assets` (one query): tag and name of each linked asset. */
export async function ticketAssetRefs(m: EntityManager, ticketId: number): Promise<{ tag: string; name: string }[]> {
  return (await linkedAssets(m, ticketId)).map((a) => ({ tag: a.tag, name: a.name }));
}

/** Incidents per asset created since `since` (one grouped query for the panel). */
export async function recentIncidents(deps: Deps, assetIds: number[], since: Date): Promise<Map<number, number>> {
  const rows = await rawQuery<{ asset_id: number; n: number | string }>(deps.db,
    "SELECT ta.asset_id, COUNT(*) AS n FROM ticket_assets ta JOIN tickets t ON t.id = ta.ticket_id " +
    // an incident is linked at or after its creation: the link's date bounds the walk
    `WHERE ta.asset_id IN (${placeholders(assetIds.length)}) AND ta.created_at >= ? AND t.type = 'incident' AND t.created_at >= ? GROUP BY ta.asset_id`,
    [...assetIds, since.getTime(), since.getTime()]);
  return new Map(rows.map((r) => [Number(r.asset_id), Number(r.n)]));
}

/**
 * The assets panel of a ticket page. Staff: each linked asset with its type, status, owner,
 * warranty, its last history rows and the recurrence warning, and (when they may work the
 * ticket) the unlink buttons and the link form offering the requester's equipment. The
 * requester: the tags and names only. Anyone else reading the page (a follower): nothing.
 */
export async function assetPanel(deps: Deps, actor: Actor, ticket: Ticket, staffView: boolean, t: Translate): Promise<AssetPanel | null> {
  const m = deps.db.manager;
  if (!staffView && actor.id !== ticket.requesterId) return null;
  const canLink = staffView && !ticket.mergedIntoId && canTicket(actor, "classify", ticket);
  // the linked assets only: most tickets link none, and this is then all the panel reads (the
  // requester's own equipment is a link to the inventory, not read on every ticket page)
  const assets = await linkedAssets(m, ticket.id);
  const base = { staff: staffView, canLink, recurrenceDays: RECURRENCE_DAYS };
  if (!staffView) {
    return { ...base, items: assets.map((a) => ({ tag: a.tag, name: a.name, type: "", status: "", badge: "", owner: null, warrantyEnd: null, history: [], recurring: null })) };
  }
  const ids = assets.map((a) => a.id);
  const [types, owners, history, recent] = await Promise.all([
    cachedAssetTypes(deps.db),
    displayNames(deps.db, assets.map((a) => a.ownerId)),
    recentHistory(deps, ids),
    ids.length ? recentIncidents(deps, ids, new Date(deps.clock.now().getTime() - RECURRENCE_DAYS * 86_400_000)) : Promise.resolve(new Map<number, number>()),
  ]);
  const actors = await displayNames(deps.db, history.flat().map((h) => h.actorId));
  return {
    ...base,
    items: assets.map((a, k) => {
      const n = recent.get(a.id) ?? 0;
      return {
        tag: a.tag, name: a.name, type: typeLabel(types.find((ty) => ty.id === a.typeId), t), status: a.status, badge: STATUS_BADGE[a.status],
        owner: a.ownerId ? owners.get(a.ownerId)?.displayName ?? null : null, warrantyEnd: a.warrantyEnd,
        history: presentAssetTimeline(history[k], actors, types, t), recurring: n >= RECURRENCE_THRESHOLD ? n : null,
      };
    }),
  };
}
