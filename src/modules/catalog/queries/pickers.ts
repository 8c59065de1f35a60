import { In, Not, type EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { picksAnyAsset } from "../../../access/policies/catalog.policy";
import { Asset, AssetType } from "../../assets";
import { User } from "../../users/user.entity";
import { escapeLike } from "../../tickets/queries/queue";
import type { AnswerContext } from "../answers";
import type { CatalogField } from "../catalog.entity";

/** How many of one's own assets a picker lists (an employee has a handful). */
const OWN_ASSETS_MAX = 200;
const LOOKUP_MAX = 10;

/** The lookups the answer rules use, read through the caller's manager (inside its transaction). */
export function answerContext(m: EntityManager, actor: Actor): AnswerContext {
  return {
    actorId: actor.id,
    anyAsset: picksAnyAsset(actor),
    async findUser(username) {
      // a local and a directory account may share a username: the local one, as when logging a ticket for someone
      const u = await m.findOne(User, { select: { id: true, displayName: true }, where: { username, active: true }, order: { provider: "ASC" } });
      return u ? { id: u.id, displayName: u.displayName } : null;
    },
    async findAsset(tag) {
      const a = await m.findOne(Asset, { where: { tag } });
      if (!a) return null;
      const type = await m.findOne(AssetType, { select: { code: true }, where: { id: a.typeId } });
      return { id: a.id, tag: a.tag, name: a.name, ownerId: a.ownerId, typeCode: type?.code ?? "" };
    },
  };
}

export interface AssetChoice {
  tag: string;
  label: string;
}

/**
 * The assets an employee may pick in each asset field of a form: their own (not retired),
 * of the field's types. Staff type a tag instead (the whole inventory is no select list).
 */
export async function assetChoices(m: EntityManager, actor: Actor, fields: CatalogField[]): Promise<Record<string, AssetChoice[]> | null> {
  const assetFields = fields.filter((f) => f.type === "asset");
  if (picksAnyAsset(actor) || !assetFields.length) return null;
  const [own, types] = await Promise.all([
    m.find(Asset, { where: { ownerId: actor.id, status: Not("retired") }, order: { tag: "ASC" }, take: OWN_ASSETS_MAX }),
    m.find(AssetType, { select: { id: true, code: true } }),
  ]);
  const codeOf = new Map(types.map((t) => [t.id, t.code]));
  return Object.fromEntries(assetFields.map((f) => [f.name, own
    .filter((a) => !f.assetTypes?.length || f.assetTypes.includes(codeOf.get(a.typeId) ?? ""))
    .map((a) => ({ tag: a.tag, label: `${a.tag} — ${a.name}` }))]));
}

/** The user picker's suggestions: active people whose username or name starts with what was typed. */
export async function lookupUsers(m: EntityManager, q: string): Promise<{ username: string; displayName: string }[]> {
  const like = `${escapeLike(q.toLowerCase())}%`;
  const rows = await m.createQueryBuilder(User, "u").select(["u.username", "u.displayName"])
    .where("u.active = :on", { on: true })
    .andWhere("(LOWER(u.username) LIKE :like ESCAPE '\\' OR LOWER(u.display_name) LIKE :like ESCAPE '\\' OR LOWER(u.display_name) LIKE :word ESCAPE '\\')",
      { like, word: `% ${like}` })
    .orderBy("u.display_name", "ASC").addOrderBy("u.id", "ASC").limit(LOOKUP_MAX).getMany();
  return rows.map((u) => ({ username: u.username, displayName: u.displayName }));
}

/** Asset types for the admin's selects: code and what to show (an admin-made type's own name, else the code). */
export async function assetTypeOptions(m: EntityManager): Promise<AssetType[]> {
  return m.find(AssetType, { order: { position: "ASC", id: "ASC" } });
}

/** The codes among these that are asset types. */
export async function knownAssetTypeCodes(m: EntityManager, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  return new Set((await m.find(AssetType, { select: { code: true }, where: { code: In(codes) } })).map((t) => t.code));
}
