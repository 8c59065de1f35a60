import { In } from "typeorm";
import type { Actor } from "../../../access/actor";
import { assetScope, authorizeAsset } from "../../../access/policies/asset.policy";
import type { Deps } from "../../../platform/deps";
import { localDate } from "../../../platform/http/format";
import { escapeLike } from "../../tickets/queries/queue";
import { User } from "../../users/user.entity";
import { Asset } from "../asset.entity";
import { cachedAssetTypes } from "../asset-types";
import type { AssetListFilter } from "../asset.schemas";

export const ASSETS_PER_PAGE = 50;

export interface AssetOwner {
  id: number;
  username: string;
  displayName: string;
}

export interface AssetPage {
  rows: Asset[];
  /** The people who own the listed assets, by id. */
  owners: Map<number, AssetOwner>;
  /** The `after` of the next page, or null on the last one. */
  next: number | null;
}

/**
 * The inventory, newest first, as the actor may see it (assetScope: an employee only what
 * they own, whatever the filters say). Filters: type code, status, exact location, owner
 * (a username or "me"), warranty ending within the warranty job's horizon (WARRANTY_WARN_DAYS, the digest's link lands here) or already over, and words (a tag
 * prefix, or part of the name, serial or model). Keyset pages by id: `after` is the last
 * id of the previous page.
 */
export async function listAssets(deps: Deps, actor: Actor, f: AssetListFilter): Promise<AssetPage> {
  authorizeAsset(actor, "read");
  const limit = f.limit ?? ASSETS_PER_PAGE;
  const qb = deps.db.getRepository(Asset).createQueryBuilder("a").orderBy("a.id", "DESC").limit(limit + 1);
  const scope = assetScope(actor, "a");
  if (scope) qb.andWhere(scope.sql, scope.params);
  if (f.after) qb.andWhere("a.id < :after", { after: f.after });
  // the type and the owner by id, looked up first: equality on ix_assets_type_status (type_id,
  // status, id) walks the ids in order and stops at the page, where an IN (subquery) sorts them all
  if (f.type) qb.andWhere("a.type_id = :typeId", { typeId: (await cachedAssetTypes(deps.db)).find((ty) => ty.code === f.type)?.id ?? -1 });
  if (f.status) qb.andWhere("a.status = :status", { status: f.status });
  if (f.location) qb.andWhere("a.location = :location", { location: f.location });
  if (f.owner === "me") qb.andWhere("a.owner_id = :ownerMe", { ownerMe: actor.id });
  else if (f.owner) {
    const owners = await deps.db.manager.find(User, { select: { id: true }, where: { username: f.owner } });
    qb.andWhere("a.owner_id IN (:...ownerIds)", { ownerIds: owners.length ? owners.map((u) => u.id) : [-1] });
  }
  if (f.warranty) {
    const today = localDate(deps.clock.now(), deps.config.defaultTimezone);
    if (f.warranty === "soon") {
      qb.andWhere("a.warranty_end >= :today AND a.warranty_end <= :soon", { today, soon: localDate(deps.clock.now(), deps.config.defaultTimezone, deps.config.automation.warrantyWarnDays) });
    } else qb.andWhere("a.warranty_end < :today", { today });
  }
  if (f.q) {
    const words = escapeLike(f.q.toLowerCase());
    qb.andWhere(
      "(a.tag LIKE :qTag ESCAPE '\\' OR LOWER(a.name) LIKE :q ESCAPE '\\' OR LOWER(a.serial) LIKE :q ESCAPE '\\' OR LOWER(a.model) LIKE :q ESCAPE '\\')",
      // tags are stored upper-case: a prefix of the tag as typed, in upper case
      { qTag: `${escapeLike(f.q.toUpperCase())}%`, q: `%${words}%` },
    );
  }
  const found = await qb.getMany();
  const rows = found.slice(0, limit);
  const ownerIds = [...new Set(rows.map((a) => a.ownerId).filter((id): id is number => id !== null))];
  const owners = ownerIds.length
    ? await deps.db.manager.find(User, { select: { id: true, username: true, displayName: true }, where: { id: In(ownerIds) } })
    : [];
  return {
    rows, owners: new Map(owners.map((u) => [u.id, { id: u.id, username: u.username, displayName: u.displayName }])),
    next: found.length > limit ? rows[rows.length - 1].id : null,
  };
}
