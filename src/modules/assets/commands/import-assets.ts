import { Brackets, In, type EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeAsset } from "../../../access/policies/asset.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { placeholders, txQuery } from "../../../platform/db/raw";
import { conflict } from "../../../platform/http/errors";
import { LOCALES, translator } from "../../../platform/i18n";
import { isUniqueViolation } from "../../admin/commands/unique";
import { User } from "../../users/user.entity";
import { Asset, ASSET_STATUSES, AssetType, type AssetStatus } from "../asset.entity";
import { foldHeader } from "../csv/columns";
import type { Separator } from "../../../platform/csv";
import { checkLines, namesIn, readImportFile, type ImportedAsset, type ImportLine, type ImportLookups, type LineError } from "./import-rows";

export interface ImportPreview {
  separator: Separator;
  ignored: string[];
  lines: ImportLine[];
  valid: number;
  invalid: number;
}

export interface ImportReport {
  created: { line: number; tag: string; name: string }[];
  skipped: { line: number; tag: string; errors: LineError[] }[];
}

/** IN lists in slices: SQLite and PostgreSQL both cap the number of bound parameters. */
const SLICE = 500;
/** Rows per INSERT: 18 values each, well under both databases' limit of bound parameters. */
const INSERT_SLICE = 500;

function slices<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** A built-in code's label in each language (a key without its text is skipped). */
function labels(key: string): string[] {
  return LOCALES.map((l) => translator(l)(key)).filter((v) => v !== key);
}

/** Types, statuses, the owners and the taken tags the file names, read in the caller's transaction. */
async function lookups(tx: EntityManager, owners: string[], tags: string[]): Promise<ImportLookups> {
  const types = new Map<string, number>();
  for (const ty of await tx.find(AssetType, { where: { active: true } })) {
    const names = [ty.code, ...(ty.name ? [ty.name] : []), ...(ty.builtin ? labels(`assets.types.${ty.code}`) : [])];
    for (const n of names) if (!types.has(foldHeader(n))) types.set(foldHeader(n), ty.id);
  }
  const statuses = new Map<string, AssetStatus>();
  for (const s of ASSET_STATUSES) for (const n of [s, ...labels(`assets.status.${s}`)]) statuses.set(foldHeader(n), s);
  const found = new Map<string, Map<number, string>>();
  const add = (key: string, u: User) => found.set(key, (found.get(key) ?? new Map<number, string>()).set(u.id, u.displayName));
  for (const part of slices(owners, SLICE)) {
    const emails = part.filter((o) => o.includes("@"));
    const users = await tx.createQueryBuilder(User, "u").select(["u.id", "u.username", "u.email", "u.displayName"])
      .where("u.active = :active", { active: true })
      .andWhere(new Brackets((w) => {
        w.where("u.username IN (:...names)", { names: part });
        if (emails.length) w.orWhere("LOWER(u.email) IN (:...emails)", { emails });
      })).getMany();
    for (const u of users) {
      if (part.includes(u.username)) add(u.username, u);
      const email = u.email?.toLowerCase();
      if (email && emails.includes(email)) add(email, u);
    }
  }
  const ownerMap: ImportLookups["owners"] = new Map();
  for (const [key, users] of found) ownerMap.set(key, users.size > 1 ? "ambiguous" : { id: [...users.keys()][0], name: [...users.values()][0] });
  const existingTags = new Set<string>();
  for (const part of slices(tags, SLICE)) {
    for (const a of await tx.find(Asset, { select: { tag: true }, where: { tag: In(part) } })) existingTags.add(a.tag);
  }
  return { types, statuses, owners: ownerMap, existingTags };
}

const ASSET_COLUMNS_SQL = ["tag", "name", "type_id", "status", "owner_id", "location", "department", "serial", "manufacturer", "model",
  "purchase_date", "warranty_end", "notes", "warranty_warned_for", "version", "created_by_id", "created_at", "updated_at"];
const HISTORY_COLUMNS_SQL = ["asset_id", "actor_id", "kind", "field", "from_value", "to_value", "ticket_id", "note", "created_at"];

/** One multi-row INSERT of plain values (the ORM's query building costs more than the write for thousands of rows). */
async function insertRows(tx: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  await txQuery(tx, `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${rows.map(() => tuple).join(", ")}`, rows.flat());
}

/**
 * A slice of the valid lines: the assets, then (their ids read back by tag: a multi-row
 * insert does not report them on every driver) one "imported" history row each, and an
 * "owner" row for those given to someone, so the owner timeline starts complete.
 */
async function writeSlice(tx: EntityManager, assets: ImportedAsset[], actorId: number | null, now: Date): Promise<void> {
  const at = now.getTime();
  await insertRows(tx, "assets", ASSET_COLUMNS_SQL, assets.map((a) => [
    a.tag, a.name, a.typeId, a.status, a.ownerId, a.location, a.department, a.serial, a.manufacturer, a.model,
    a.purchaseDate, a.warrantyEnd, a.notes, null, 1, actorId, at, at,
  ]));
  const ids = new Map((await txQuery<{ id: number; tag: string }>(tx, `SELECT id, tag FROM assets WHERE tag IN (${placeholders(assets.length)})`, assets.map((a) => a.tag)))
    .map((r) => [r.tag, Number(r.id)]));
  await insertRows(tx, "asset_history", HISTORY_COLUMNS_SQL, assets.flatMap((a) => [
    [ids.get(a.tag), actorId, "imported", null, null, a.status, null, null, at],
    ...(a.ownerName ? [[ids.get(a.tag), actorId, "owner", null, null, a.ownerName.slice(0, 200), null, null, at]] : []),
  ]));
}

async function checkFile(tx: EntityManager, csvText: string): Promise<ImportPreview> {
  const file = readImportFile(csvText);
  const names = namesIn(file);
  const lines = checkLines(file, await lookups(tx, names.owners, names.tags));
  const valid = lines.filter((l) => l.asset).length;
  return { separator: file.separator, ignored: file.ignored, lines, valid, invalid: lines.length - valid };
}

/** What an import of this file would do, line by line (nothing is written). Admins only. */
export async function previewImport(deps: Deps, actor: Actor, csvText: string): Promise<ImportPreview> {
  authorizeAsset(actor, "import");
  return checkFile(deps.db.manager, csvText);
}

/**
 * Import the valid lines of the file, checked again now (a tag taken since the preview is
 * skipped with its reason), in ONE transaction: every valid line is created with its
 * "imported" history row, or (on any failure) none is. The lines with errors are reported,
 * never half-imported.
 */
export async function applyImport(deps: Deps, actor: Actor, csvText: string): Promise<ImportReport> {
  authorizeAsset(actor, "import");
  try {
    return await withTransaction(deps.db, async (tx) => {
      const { lines } = await checkFile(tx, csvText);
      const now = deps.clock.now();
      const actorId = actor.id > 0 ? actor.id : null;
      const valid = lines.filter((l) => l.asset);
      for (const part of slices(valid, INSERT_SLICE)) await writeSlice(tx, part.map((l) => l.asset!), actorId, now);
      return {
        created: valid.map((l) => ({ line: l.line, tag: l.asset!.tag, name: l.asset!.name })),
        skipped: lines.filter((l) => !l.asset).map((l) => ({ line: l.line, tag: l.cells.tag ?? "", errors: l.errors })),
      };
    });
  } catch (err) {
    // another import or form took one of the tags between our check and our insert: nothing was saved
    if (isUniqueViolation(err)) throw conflict("import_tag_taken", "assetImport.errors.tag_taken_meanwhile");
    throw err;
  }
}
