import type { EntityManager } from "typeorm";
import { AppError, conflict, type FieldErrors } from "../../../platform/http/errors";
import { User } from "../../users/user.entity";
import { Asset, AssetHistory, AssetType, type AssetHistoryKind } from "../asset.entity";
import { normalizeTag } from "../asset.schemas";

export interface AssetHistoryRow {
  kind: AssetHistoryKind;
  field?: string | null;
  from?: string | null;
  to?: string | null;
  note?: string | null;
  ticketId?: number | null;
}

/** The history rows of one change, in the command's transaction (from/to cut to their column's 200 characters). */
export async function insertAssetHistory(tx: EntityManager, assetId: number, actorId: number | null, rows: AssetHistoryRow[], now: Date): Promise<void> {
  if (!rows.length) return;
  const cut = (v: string | null | undefined) => (v == null ? null : v.slice(0, 200));
  await tx.insert(AssetHistory, rows.map((r) => ({
    assetId, actorId: actorId && actorId > 0 ? actorId : null, kind: r.kind, field: r.field ?? null, fromValue: cut(r.from), toValue: cut(r.to),
    ticketId: r.ticketId ?? null, note: r.note ?? null, createdAt: now,
  })));
}

/** An asset by its tag, however it was typed (trimmed, any case). */
export function findAssetByTag(m: EntityManager, tag: string): Promise<Asset | null> {
  return m.findOne(Asset, { where: { tag: normalizeTag(tag) } });
}

/** The 409 of a tag already in use, with the field error a form shows next to the tag. */
export const tagTaken = (tag: string) => new AppError(409, "asset_tag_taken", "assets.errors.tag_taken", { tag }, { tag: "assets.errors.tag_taken" });

export async function tagInUse(tx: EntityManager, tag: string, exceptId?: number): Promise<boolean> {
  const other = await tx.findOne(Asset, { select: { id: true }, where: { tag } });
  return !!other && other.id !== exceptId;
}

export async function assertTagFree(tx: EntityManager, tag: string, exceptId?: number): Promise<void> {
  if (await tagInUse(tx, tag, exceptId)) throw tagTaken(tag);
}

/**
 * An owner named by username: an active account, exactly one (a local and a directory
 * account may share a username, and then nobody can tell which is meant).
 */
export async function ownerByUsername(tx: EntityManager, username: string, fields: FieldErrors): Promise<User | null> {
  const people = await tx.find(User, { where: { username: username.toLowerCase(), active: true } });
  if (people.length === 1) return people[0];
  fields.owner = people.length ? "assets.errors.owner_ambiguous" : "assets.errors.owner_unknown";
  return null;
}

/** A type by code; only an active one may be chosen (an asset may keep the inactive type it has). */
export async function typeByCode(tx: EntityManager, code: string, fields: FieldErrors, keepId?: number): Promise<AssetType | null> {
  const type = await tx.findOne(AssetType, { where: { code: code.toLowerCase() } });
  if (type && (type.active || type.id === keepId)) return type;
  fields.type = "validation.choice";
  return null;
}

/** A change made on a stale page: 409 naming who last changed the asset. */
export async function assertAssetVersion(tx: EntityManager, a: Asset, expected: number | undefined): Promise<void> {
  if (expected === undefined || expected === a.version) return;
  const last = await tx.findOne(AssetHistory, { where: { assetId: a.id }, order: { id: "DESC" } });
  const who = last?.actorId ? await tx.findOne(User, { where: { id: last.actorId } }) : null;
  throw conflict("asset_changed", "assets.errors.changed", { name: who?.displayName ?? "?" });
}

/**
 * Write the patch only if nobody changed the asset since it was read (version + 1): of two
 * edits racing on the same version, the second gets the 409 and its transaction rolls back.
 */
export async function writeAsset(tx: EntityManager, a: Asset, patch: Partial<Asset>, now: Date): Promise<Asset> {
  const set = { ...patch, updatedAt: now, version: a.version + 1 };
  const res = await tx.createQueryBuilder().update(Asset).set(set).where("id = :id AND version = :v", { id: a.id, v: a.version }).execute();
  if (res.affected === 0) await assertAssetVersion(tx, await tx.findOneOrFail(Asset, { where: { id: a.id } }), a.version);
  return Object.assign(a, set);
}
