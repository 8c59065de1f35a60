import type { CreateAssetInput } from "./create-asset";
import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeAsset } from "../../../access/policies/asset.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { invalid, notFound, type FieldErrors } from "../../../platform/http/errors";
import { isUniqueViolation } from "../../admin/commands/unique";
import { User } from "../../users/user.entity";
import { Asset, AssetType } from "../asset.entity";
import {
  assertAssetVersion, assertTagFree, insertAssetHistory, ownerByUsername, tagInUse, tagTaken, typeByCode, writeAsset, type AssetHistoryRow,
} from "./asset-rules";

/** The editable fields of an asset; a key left out is left as it is, null clears an optional one. */
/** What an edit may change (the creation's fields, each optional), on the version the editor saw (else 409 asset_changed). */
export type UpdateAssetInput = Partial<CreateAssetInput> & { version?: number };

/** The plain text fields, compared and recorded as "field" rows under their own name. */
const TEXT_FIELDS = ["tag", "name", "location", "department", "serial", "manufacturer", "model", "purchaseDate", "warrantyEnd", "notes"] as const;

async function displayName(tx: EntityManager, id: number | null): Promise<string | null> {
  return id ? (await tx.findOne(User, { select: { id: true, displayName: true }, where: { id } }))?.displayName ?? null : null;
}

/**
 * Edit an asset (the desk and the admins), on the version the editor saw. One history row
 * per change: "owner" (display names), "status", or "field" with the field's name (the
 * type by code; the notes' new text in the row's note, too long for from/to). Nothing
 * changed: nothing written.
 *
 * A retired asset has no owner: it has been handed back, and must not stay in anyone's
 * "My equipment". Retiring an asset therefore clears its owner (recorded as an owner row);
 * naming a new owner for an asset that is or becomes retired is a 422 on owner (put it
 * back in stock or in use first). Changing the owner alone never changes the status: the
 * status stays what the user chose.
 */
export async function updateAsset(deps: Deps, actor: Actor, assetId: number, input: UpdateAssetInput): Promise<Asset> {
  try {
    return await withTransaction(deps.db, async (tx) => {
      const a = await tx.findOne(Asset, { where: { id: assetId } });
      if (!a) throw notFound("asset_not_found");
      authorizeAsset(actor, "edit", a);
      await assertAssetVersion(tx, a, input.version);

      const fields: FieldErrors = {};
      const type = input.type !== undefined ? await typeByCode(tx, input.type, fields, a.typeId) : null;
      let ownerId = a.ownerId;
      let newOwnerName: string | null = null;
      const current = a.ownerId ? await tx.findOne(User, { select: { id: true, username: true }, where: { id: a.ownerId } }) : null;
      // the owner a form posts back unchanged is kept, even if their account was deactivated since
      if (input.owner !== undefined && input.owner !== (current?.username ?? null)) {
        const owner = input.owner ? await ownerByUsername(tx, input.owner, fields) : null;
        if (owner || !input.owner) ownerId = owner?.id ?? null;
        newOwnerName = owner?.displayName ?? null;
      }
      const status = input.status ?? a.status;
      if (status === "retired" && ownerId !== null) {
        if (ownerId !== a.ownerId) fields.owner = "assets.errors.retired_owner";
        else ownerId = null;
      }
      const tag = input.tag ?? a.tag;
      if (Object.keys(fields).length) {
        if (tag !== a.tag && (await tagInUse(tx, tag, a.id))) fields.tag = "assets.errors.tag_taken";
        throw invalid(fields);
      }
      if (tag !== a.tag) await assertTagFree(tx, tag, a.id);

      const patch: Partial<Asset> = {};
      const rows: AssetHistoryRow[] = [];
      for (const key of TEXT_FIELDS) {
        const v = input[key];
        if (v === undefined || (v ?? null) === (a[key] ?? null)) continue;
        Object.assign(patch, { [key]: v });
        rows.push(key === "notes" ? { kind: "field", field: "notes", note: v } : { kind: "field", field: key, from: a[key], to: v });
      }
      if (type && type.id !== a.typeId) {
        const before = await tx.findOne(AssetType, { where: { id: a.typeId } });
        patch.typeId = type.id;
        rows.push({ kind: "field", field: "type", from: before?.code ?? null, to: type.code });
      }
      if (status !== a.status) {
        patch.status = status;
        rows.push({ kind: "status", from: a.status, to: status });
      }
      if (ownerId !== a.ownerId) {
        patch.ownerId = ownerId;
        rows.push({ kind: "owner", from: await displayName(tx, a.ownerId), to: ownerId ? newOwnerName ?? (await displayName(tx, ownerId)) : null });
      }
      if (!rows.length) return a;
      const now = deps.clock.now();
      const saved = await writeAsset(tx, a, patch, now);
      await insertAssetHistory(tx, a.id, actor.id, rows, now);
      return saved;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw tagTaken(input.tag ?? "");
    throw err;
  }
}
