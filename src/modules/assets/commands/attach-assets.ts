import type { EntityManager } from "typeorm";
import { In } from "typeorm";
import { Asset, TicketAsset } from "../asset.entity";
import { insertHistory } from "../../tickets/workflow";

/**
 * Link assets to a ticket inside the caller's transaction, one "asset" history row each on
 * the ticket; links that already exist are skipped. The caller has decided who may link
 * what (an employee their own equipment, staff any asset on a ticket they work).
 */
export async function attachAssets(tx: EntityManager, ticketId: number, assetIds: number[], actorId: number | null, now: Date): Promise<Asset[]> {
  const ids = [...new Set(assetIds)];
  if (!ids.length) return [];
  const existing = new Set((await tx.find(TicketAsset, { where: { ticketId, assetId: In(ids) } })).map((l) => l.assetId));
  const assets = (await tx.find(Asset, { where: { id: In(ids) } })).filter((a) => !existing.has(a.id));
  if (!assets.length) return [];
  await tx.insert(TicketAsset, assets.map((a) => ({ ticketId, assetId: a.id, linkedById: actorId, createdAt: now })));
  await insertHistory(tx, ticketId, actorId, assets.map((a) => ({ kind: "asset" as const, from: null, to: a.tag })), now);
  return assets;
}
