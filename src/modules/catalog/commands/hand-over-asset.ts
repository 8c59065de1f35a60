import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { conflict, invalid } from "../../../platform/http/errors";
import { Asset, AssetHistory, attachAssets } from "../../assets";
import type { Ticket } from "../../tickets/ticket.entity";
import { loadForAction, saveChange } from "../../tickets/workflow";
import { User } from "../../users/user.entity";
import { CatalogItem, CatalogRequest } from "../catalog.entity";

/**
 * Fulfil a request for equipment ("a new laptop") with an in-stock asset of the item's
 * type, in one transaction: the requester becomes its owner, it is in use (version + 1),
 * its history says so with the request, it is linked to the request, and the request's
 * history says which asset was handed over. Whoever may work the request may do it (the
 * classify right). The asset must still be in stock when the row is written (UPDATE ...
 * WHERE status = 'in_stock'): one taken meanwhile by someone else is a 409.
 */
/** A request hands over equipment once approved (or needing no approval), while it is worked. */
export function handOverAllowed(t: Pick<Ticket, "status" | "mergedIntoId">, request: Pick<CatalogRequest, "approvalState"> | null): boolean {
  return !!request && (request.approvalState === "none" || request.approvalState === "approved") &&
    !t.mergedIntoId && (t.status === "new" || t.status === "open" || t.status === "pending" || t.status === "escalated");
}

export function handOverAsset(deps: Deps, actor: Actor, ticketId: number, assetId: number): Promise<{ ticket: Ticket; asset: Asset }> {
  return withTransaction(deps.db, async (tx, afterCommit) => {
    const t = await loadForAction(tx, actor, ticketId, "classify");
    if (t.status === "closed" || t.mergedIntoId) throw conflict("ticket_closed", "errors.transition.closed");
    const request = await tx.findOne(CatalogRequest, { where: { ticketId } });
    const item = request ? await tx.findOne(CatalogItem, { where: { id: request.itemId } }) : null;
    if (!item?.fulfilAssetTypeId) throw conflict("no_hand_over", "approvals.errors.no_hand_over");
    // equipment leaves the stock for an approved request still being worked, never before the decision
    if (!handOverAllowed(t, request)) throw conflict("hand_over_not_now", "approvals.errors.hand_over_not_now");
    const asset = Number.isSafeInteger(assetId) && assetId > 0 ? await tx.findOne(Asset, { where: { id: assetId } }) : null;
    if (!asset || asset.typeId !== item.fulfilAssetTypeId) throw invalid({ assetId: "approvals.errors.asset_choice" });
    const notInStock = () => conflict("asset_not_in_stock", "approvals.errors.asset_not_in_stock", { tag: asset.tag });
    if (asset.status !== "in_stock") throw notInStock();
    const now = deps.clock.now();
    const moved = await tx.createQueryBuilder().update(Asset)
      .set({ ownerId: t.requesterId, status: "in_use", version: asset.version + 1, updatedAt: now })
      .where("id = :id AND status = 'in_stock' AND version = :v", { id: asset.id, v: asset.version }).execute();
    if (moved.affected === 0) throw notInStock();
    const [requester, previous] = await Promise.all([
      tx.findOneOrFail(User, { where: { id: t.requesterId } }),
      asset.ownerId ? tx.findOne(User, { where: { id: asset.ownerId } }) : null,
    ]);
    // the asset module words its history with people's names, as it writes its own owner rows
    const row = { assetId: asset.id, actorId: actor.id, ticketId, note: null, createdAt: now };
    await tx.insert(AssetHistory, [
      { ...row, kind: "assigned", field: "owner", fromValue: previous?.displayName ?? null, toValue: requester.displayName },
      { ...row, kind: "status", field: null, fromValue: "in_stock", toValue: "in_use" },
    ]);
    await attachAssets(tx, ticketId, [asset.id], actor.id, now);
    const ticket = await saveChange(tx, t, actor, now, {}, [{ kind: "handover", from: null, to: asset.tag }], { deps });
    afterCommit(() => deps.bus.emit("ticket.changed", { ticketId, action: "handover", actorId: actor.id }));
    return { ticket, asset: Object.assign(asset, { ownerId: t.requesterId, status: "in_use", version: asset.version + 1, updatedAt: now }) };
  });
}
