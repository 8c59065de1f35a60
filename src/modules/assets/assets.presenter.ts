import type { Actor } from "../../access/actor";
import { canAsset } from "../../access/policies/asset.policy";
import type { Translate } from "../../platform/i18n";
import type { Asset, AssetHistory, AssetStatus, AssetType } from "./asset.entity";
import { typeLabel } from "./asset-types";
import type { AssetDetail } from "./queries/get-asset";
import type { AssetOwner } from "./queries/list-assets";

/** The badge of each status: text and colour (the text carries the meaning; the colour only helps). */
export const STATUS_BADGE: Record<AssetStatus, string> = {
  in_stock: "text-bg-info", in_use: "text-bg-success", in_repair: "text-bg-warning", retired: "text-bg-secondary",
};

/** What the viewer may do on the inventory pages (templates never decide it themselves). */
export function assetCan(actor: Actor) {
  return {
    create: canAsset(actor, "create"), edit: canAsset(actor, "edit"), export: canAsset(actor, "export"),
    import: canAsset(actor, "import"), manageTypes: canAsset(actor, "manage_types"),
  };
}

/** "expired", "soon" (within `soonUntil`) or null, from YYYY-MM-DD dates that compare as strings. */
export function warrantyState(end: string | null, today: string, soonUntil: string): "expired" | "soon" | null {
  if (!end) return null;
  if (end < today) return "expired";
  return end <= soonUntil ? "soon" : null;
}

export function presentAssetRow(a: Asset, types: Map<number, AssetType>, owners: Map<number, AssetOwner>, t: Translate, today: string, soonUntil: string) {
  return {
    tag: a.tag, name: a.name, type: typeLabel(types.get(a.typeId), t), status: a.status, badge: STATUS_BADGE[a.status],
    owner: a.ownerId ? owners.get(a.ownerId)?.displayName ?? null : null, location: a.location, model: a.model, serial: a.serial,
    warrantyEnd: a.warrantyEnd, warranty: warrantyState(a.warrantyEnd, today, soonUntil),
  };
}

export interface AssetTimelineEntry {
  at: Date;
  who: string | null;
  text: string;
  /** The whole new text of the notes, shown folded. */
  details: string | null;
  /** The number of the ticket that made the change (a hand-over's request), when the wording does not name it already. */
  ticket: string | null;
}

/**
 * An asset's history, worded: "Status: In stock → In use", "Owner: — → Alice Martin", "Location: Lyon → Paris".
 * `tickets`: the numbers of the tickets the viewer may read, by id, so a change made by a ticket names it.
 */
export function presentAssetTimeline(
  history: AssetHistory[], actors: Map<number, { displayName: string }>, types: AssetType[], t: Translate, tickets: Map<number, string> = new Map(),
): AssetTimelineEntry[] {
  const status = (v: string | null) => (v ? t(`assets.status.${v}`) : "—");
  const type = (code: string | null) => (code ? typeLabel(types.find((x) => x.code === code) ?? { code, name: code, builtin: false }, t) : "—");
  const words = (h: AssetHistory): { text: string; details?: string | null } => {
    const from = h.fromValue ?? "—";
    const to = h.toValue ?? "—";
    switch (h.kind) {
      case "status":
        return { text: t("assets.kinds.status", { from: status(h.fromValue), to: status(h.toValue) }) };
      case "field":
        if (h.field === "notes") return { text: t(h.note ? "assets.kinds.notes" : "assets.kinds.notes_cleared"), details: h.note };
        if (h.field === "type") return { text: t("assets.kinds.field", { field: t("assets.fields.type"), from: type(h.fromValue), to: type(h.toValue) }) };
        return { text: t("assets.kinds.field", { field: t(`assets.fields.${h.field ?? "unknown"}`), from, to }) };
      case "created":
        return { text: t("assets.kinds.created", { status: status(h.toValue) }) };
      default:
        // owner, imported, assigned, linked, unlinked: written by this module or the ones that link tickets
        return { text: t(`assets.kinds.${h.kind}`, { from, to }), details: h.note };
    }
  };
  return history.map((h) => {
    const w = words(h);
    // every entry reads as a sentence, whatever its wording starts with
    const text = w.text.charAt(0).toUpperCase() + w.text.slice(1);
    const ticket = h.ticketId ? tickets.get(h.ticketId) ?? null : null;
    return {
      at: h.createdAt, who: h.actorId ? actors.get(h.actorId)?.displayName ?? null : null, text, details: w.details ?? null,
      ticket: ticket && !text.includes(ticket) ? ticket : null,
    };
  });
}

/** The edit form as the asset is now. */
export function assetFormValues(d: Pick<AssetDetail, "asset" | "type" | "owner">) {
  const a = d.asset;
  return {
    tag: a.tag, name: a.name, type: d.type?.code ?? "", status: a.status, owner: d.owner?.username ?? "", location: a.location ?? "",
    department: a.department ?? "", serial: a.serial ?? "", manufacturer: a.manufacturer ?? "", model: a.model ?? "",
    purchaseDate: a.purchaseDate ?? "", warrantyEnd: a.warrantyEnd ?? "", notes: a.notes ?? "", version: a.version,
  };
}
