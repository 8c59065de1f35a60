import { z } from "zod";
import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeKb } from "../../../access/policies/kb.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { txQuery } from "../../../platform/db/raw";
import { invalid, notFound } from "../../../platform/http/errors";
import { audit } from "../../admin/audit";
import { KbCategory } from "../kb.entity";
import { fold } from "../search-text";

/** A category as the editors' form sends it: its name, a line about it, its place in the list (empty: last). */
export const kbCategorySchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.too_long"),
  description: z.string({ error: "validation.invalid" }).trim().max(500, "validation.too_long").optional().transform((v) => v || null),
  position: z.string({ error: "validation.invalid" }).trim().regex(/^\d{0,4}$/, "validation.invalid").optional()
    .transform((v) => (v ? Number(v) : null)),
});
export type KbCategoryInput = z.infer<typeof kbCategorySchema>;

/** A name as readers tell names apart: case, accents and runs of spaces ignored ("Écrans" is "ecrans"). */
const nameKey = (name: string) => fold(name).replace(/\s+/g, " ").trim();

/**
 * Two categories of one name would read as one on the portal: refused, whatever the case
 * and accents (a withdrawn one counts: it may come back). Compared here rather than in
 * SQL, where SQLite's LOWER() folds ASCII only; a desk has a few dozen categories.
 */
async function assertNameFree(tx: EntityManager, name: string, exceptId?: number): Promise<void> {
  const key = nameKey(name);
  const rows = await txQuery<{ id: number; name: string }>(tx, "SELECT id, name FROM kb_categories", []);
  if (rows.some((c) => Number(c.id) !== exceptId && nameKey(c.name) === key)) throw invalid({ name: "kb.errors.category_taken" }, "name_taken");
}

async function load(tx: EntityManager, id: number): Promise<KbCategory> {
  const c = await tx.findOne(KbCategory, { where: { id } });
  if (!c) throw notFound("kb_category_not_found");
  return c;
}

/** A new category, last unless told where. */
export async function createKbCategory(deps: Deps, actor: Actor, input: KbCategoryInput): Promise<KbCategory> {
  authorizeKb(actor, "write");
  return withTransaction(deps.db, async (tx) => {
    await assertNameFree(tx, input.name);
    const last = await tx.findOne(KbCategory, { where: {}, order: { position: "DESC" } });
    const c = await tx.save(tx.create(KbCategory, {
      name: input.name, description: input.description, position: input.position ?? (last?.position ?? 0) + 1, active: true,
    }));
    await audit(tx, actor, "kb_category.create", "kb_category", c.id, { ...input }, deps.clock.now());
    return c;
  });
}

/** Rename, describe, move. */
export async function updateKbCategory(deps: Deps, actor: Actor, id: number, input: KbCategoryInput): Promise<KbCategory> {
  authorizeKb(actor, "write");
  return withTransaction(deps.db, async (tx) => {
    const c = await load(tx, id);
    await assertNameFree(tx, input.name, id);
    const before = { name: c.name, description: c.description, position: c.position };
    Object.assign(c, { name: input.name, description: input.description, position: input.position ?? c.position });
    await tx.save(c);
    await audit(tx, actor, "kb_category.update", "kb_category", c.id, { before, after: { ...input } }, deps.clock.now());
    return c;
  });
}

/**
 * Withdraw a category from the pages (or bring it back). Its articles stay as they are,
 * readable through search and their links; editors still file new ones only in active ones.
 */
export async function setKbCategoryActive(deps: Deps, actor: Actor, id: number, active: boolean): Promise<KbCategory> {
  authorizeKb(actor, "write");
  return withTransaction(deps.db, async (tx) => {
    const c = await load(tx, id);
    if (c.active === active) return c;
    c.active = active;
    await tx.save(c);
    await audit(tx, actor, active ? "kb_category.reactivate" : "kb_category.withdraw", "kb_category", c.id, { name: c.name }, deps.clock.now());
    return c;
  });
}
