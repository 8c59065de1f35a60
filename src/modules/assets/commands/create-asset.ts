import type { Actor } from "../../../access/actor";
import { authorizeAsset } from "../../../access/policies/asset.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { invalid, type FieldErrors } from "../../../platform/http/errors";
import { isUniqueViolation } from "../../admin/commands/unique";
import type { User } from "../../users/user.entity";
import { Asset, type AssetStatus } from "../asset.entity";
import { assertTagFree, insertAssetHistory, ownerByUsername, tagInUse, tagTaken, typeByCode, type AssetHistoryRow } from "./asset-rules";

/** A new asset: the validated fields (asset.schemas.ts); the owner by username, the type by code. */
export interface CreateAssetInput {
  tag: string;
  name: string;
  type: string;
  status?: AssetStatus;
  owner?: string | null;
  location?: string | null;
  department?: string | null;
  serial?: string | null;
  manufacturer?: string | null;
  model?: string | null;
  purchaseDate?: string | null;
  warrantyEnd?: string | null;
  notes?: string | null;
}

/**
 * Add an asset to the inventory (the desk and the admins). The tag is unique (409
 * asset_tag_taken, with the field error a form shows). Without a status, an asset given
 * to someone is "in use" and one without owner "in stock": that is what the words mean,
 * and a status the user chose is always kept. A retired asset has been handed back, so
 * it cannot be created with an owner (422 on owner). History: "created", and "owner"
 * when it starts with one, so the owner timeline is complete.
 */
export async function createAsset(deps: Deps, actor: Actor, input: CreateAssetInput): Promise<Asset> {
  authorizeAsset(actor, "create");
  try {
    return await withTransaction(deps.db, async (tx) => {
      const fields: FieldErrors = {};
      const type = await typeByCode(tx, input.type, fields);
      const owner: User | null = input.owner ? await ownerByUsername(tx, input.owner, fields) : null;
      const status: AssetStatus = input.status ?? (owner ? "in_use" : "in_stock");
      if (owner && status === "retired") fields.owner = "assets.errors.retired_owner";
      // the tag alone taken: the 409; with other mistakes, one 422 that names them all
      if (Object.keys(fields).length || !type) {
        if (await tagInUse(tx, input.tag)) fields.tag = "assets.errors.tag_taken";
        throw invalid(fields);
      }
      await assertTagFree(tx, input.tag);
      const now = deps.clock.now();
      const asset = await tx.save(tx.create(Asset, {
        tag: input.tag, name: input.name, typeId: type.id, status, ownerId: owner?.id ?? null,
        location: input.location ?? null, department: input.department ?? null, serial: input.serial ?? null,
        manufacturer: input.manufacturer ?? null, model: input.model ?? null, purchaseDate: input.purchaseDate ?? null,
        warrantyEnd: input.warrantyEnd ?? null, notes: input.notes ?? null, warrantyWarnedFor: null, version: 1,
        createdById: actor.id > 0 ? actor.id : null, createdAt: now, updatedAt: now,
      }));
      const rows: AssetHistoryRow[] = [{ kind: "created", to: status }];
      if (owner) rows.push({ kind: "owner", from: null, to: owner.displayName });
      await insertAssetHistory(tx, asset.id, actor.id, rows, now);
      return asset;
    });
  } catch (err) {
    // two people saving the same new tag at once: the unique index refuses the second
    if (isUniqueViolation(err)) throw tagTaken(input.tag);
    throw err;
  }
}
