import { In, type EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { isStaff } from "../../../access/roles";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { invalid, notFound } from "../../../platform/http/errors";
import type { Ticket } from "../../tickets/ticket.entity";
import { formatNumber } from "../../tickets/ticket.types";
import { assertNotMerged, insertHistory, loadForAction } from "../../tickets/workflow";
import { Asset, TicketAsset } from "../asset.entity";
import { normalizeTag } from "../asset.schemas";
import { findAssetByTag, insertAssetHistory } from "./asset-rules";
import { attachAssets } from "./attach-assets";

/**
 * Staff who may work the ticket (classify it: its tier's agents, its assignee, the
 * supervisors) link and unlink the assets it is about. A merged duplicate changes no more.
 */
async function loadTicketAndAsset(tx: EntityManager, actor: Actor, ticketId: number, tag: string): Promise<{ ticket: Ticket; asset: Asset }> {
  const ticket = await loadForAction(tx, actor, ticketId, "classify");
  assertNotMerged(ticket);
  const asset = await findAssetByTag(tx, tag);
  if (!asset) throw notFound("asset_not_found");
  return { ticket, asset };
}

/**
 * Link assets to a ticket in the caller's transaction (attachAssets: an "asset" row on the
 * ticket's history), and say so in each newly linked asset's own history ("ticket INC-… linked").
 */
export async function linkAssets(tx: EntityManager, ticket: Pick<Ticket, "id" | "type">, assetIds: number[], actorId: number, now: Date): Promise<void> {
  const added = await attachAssets(tx, ticket.id, assetIds, actorId, now);
  const number = formatNumber(ticket.type, ticket.id);
  for (const a of added) await insertAssetHistory(tx, a.id, actorId, [{ kind: "linked", to: number, ticketId: ticket.id }], now);
}

/** Link an asset to a ticket by its tag; linking it again changes nothing. */
export function linkAsset(deps: Deps, actor: Actor, ticketId: number, tag: string): Promise<{ ticket: Ticket; asset: Asset }> {
  return withTransaction(deps.db, async (tx) => {
    const found = await loadTicketAndAsset(tx, actor, ticketId, tag);
    await linkAssets(tx, found.ticket, [found.asset.id], actor.id, deps.clock.now());
    return found;
  });
}

/** Unlink an asset from a ticket; the ticket's history says which (404 when it was not linked). */
export function unlinkAsset(deps: Deps, actor: Actor, ticketId: number, tag: string): Promise<{ ticket: Ticket; asset: Asset }> {
  return withTransaction(deps.db, async (tx) => {
    const found = await loadTicketAndAsset(tx, actor, ticketId, tag);
    const res = await tx.delete(TicketAsset, { ticketId: found.ticket.id, assetId: found.asset.id });
    if (!res.affected) throw notFound("asset_not_linked");
    const now = deps.clock.now();
    await insertHistory(tx, found.ticket.id, actor.id, [{ kind: "asset", from: found.asset.tag, to: null }], now);
    await insertAssetHistory(tx, found.asset.id, actor.id, [{ kind: "unlinked", from: formatNumber(found.ticket.type, found.ticket.id), ticketId: found.ticket.id }], now);
    return found;
  });
}

/**
 * The assets a new ticket names, by tag, as ids (inside the creation's transaction). Staff
 * logging a ticket may name any asset; anyone else only their own equipment — and is told
 * the same thing for a tag that does not exist, so the field reveals nothing about others'.
 */
export async function assetIdsForNewTicket(tx: EntityManager, actor: Actor, tags: readonly string[] | undefined): Promise<number[]> {
  const wanted = [...new Set((tags ?? []).map(normalizeTag).filter(Boolean))];
  if (!wanted.length) return [];
  const found = await tx.find(Asset, { select: { id: true, ownerId: true }, where: { tag: In(wanted) } });
  const staff = isStaff(actor.role);
  if (!staff && (found.length !== wanted.length || found.some((a) => a.ownerId !== actor.id))) throw invalid({ assets: "assetTickets.errors.not_yours" });
  if (found.length !== wanted.length) throw invalid({ assets: "assetTickets.errors.unknown_tag" });
  return found.map((a) => a.id);
}
