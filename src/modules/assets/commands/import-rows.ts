import { AppError } from "../../../platform/http/errors";
import type { AssetStatus } from "../asset.entity";
import { normalizeTag, RESERVED_TAGS, TAG_PATTERN } from "../asset.schemas";
import { ASSET_COLUMNS, foldHeader, mapColumns, MAX_LENGTH, parseDate, type AssetColumn } from "../csv/columns";
import { parseCsv, restore, type Separator } from "../../../platform/csv";

/** An import is one admin's spreadsheet, not a data migration: past these, split the file. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

export interface LineError {
  column: AssetColumn | null;
  /** i18n key under assetImport.errors. */
  key: string;
  params?: Record<string, string | number>;
}

/** A line ready to be inserted: names resolved to ids. */
export interface ImportedAsset {
  tag: string;
  name: string;
  typeId: number;
  status: AssetStatus;
  ownerId: number | null;
  ownerName: string | null;
  location: string | null;
  department: string | null;
  serial: string | null;
  manufacturer: string | null;
  model: string | null;
  purchaseDate: string | null;
  warrantyEnd: string | null;
  notes: string | null;
}

export interface ImportLine {
  /** The spreadsheet's row number (the header is row 1). */
  line: number;
  /** What the file says, trimmed (shown in the preview). */
  cells: Partial<Record<AssetColumn, string>>;
  errors: LineError[];
  /** Null when the line has errors. */
  asset: ImportedAsset | null;
}

/** What the lines are checked against, read from the database by the caller. */
export interface ImportLookups {
  /** Folded code or label (English, French, the admin's name) of an active type -> its id. */
  types: Map<string, number>;
  /** Folded code or label of a status -> the status. */
  statuses: Map<string, AssetStatus>;
  /** Lower-case username or email of an active user -> the user, or "ambiguous" when it names several. */
  owners: Map<string, { id: number; name: string } | "ambiguous">;
  /** Tags already in the inventory (upper case). */
  existingTags: Set<string>;
}

export interface ImportFile {
  separator: Separator;
  /** Headers we did not recognise (ignored). */
  ignored: string[];
  records: { line: number; cells: Partial<Record<AssetColumn, string>> }[];
}

/** A refusal of the whole file, shown next to the file field. */
export const fileError = (key: string, params: Record<string, string | number> = {}, status = 422) =>
  new AppError(status, `import_${key}`, `assetImport.errors.${key}`, params, { file: `assetImport.errors.${key}` });

/** The file's records by column; a file without a tag and a name column, or too long, is refused as a whole. */
export function readImportFile(text: string): ImportFile {
  const parsed = parseCsv(text, MAX_IMPORT_ROWS + 1);
  if (!parsed.header.length) throw fileError("empty");
  const { index, ignored } = mapColumns(parsed.header);
  const missing = (["tag", "name", "type"] as const).filter((c) => index[c] === undefined);
  if (missing.length) throw fileError("missing_columns", { columns: missing.join(", ") });
  if (parsed.records.length > MAX_IMPORT_ROWS) throw fileError("too_many_rows", { max: MAX_IMPORT_ROWS });
  const records = parsed.records.map((r) => {
    const cells: Partial<Record<AssetColumn, string>> = {};
    for (const c of ASSET_COLUMNS) if (index[c] !== undefined) cells[c] = restore(r.cells[index[c]] ?? "").trim();
    return { line: r.line, cells };
  });
  return { separator: parsed.separator, ignored, records };
}

/** The names the lookups must resolve: every owner and tag of the file. */
export function namesIn(file: ImportFile): { owners: string[]; tags: string[] } {
  const owners = new Set<string>();
  const tags = new Set<string>();
  for (const r of file.records) {
    if (r.cells.owner) owners.add(r.cells.owner.toLowerCase());
    if (r.cells.tag) tags.add(normalizeTag(r.cells.tag));
  }
  return { owners: [...owners], tags: [...tags] };
}

const TEXT_COLUMNS = ["location", "department", "serial", "manufacturer", "model", "notes"] as const;

/** One line against the rules: every mistake of the line at once, so one pass of corrections fixes it. */
function checkLine(cells: Partial<Record<AssetColumn, string>>, lookups: ImportLookups, duplicates: number[]): { errors: LineError[]; asset: ImportedAsset | null } {
  const errors: LineError[] = [];
  const err = (column: AssetColumn | null, key: string, params?: Record<string, string | number>) => errors.push({ column, key, params });
  for (const c of ASSET_COLUMNS) {
    const v = cells[c] ?? "";
    if (v.length > MAX_LENGTH[c] && c !== "purchase_date" && c !== "warranty_end") err(c, "too_long", { column: c, max: MAX_LENGTH[c] });
  }
  const tag = normalizeTag(cells.tag ?? "");
  if (!tag) err("tag", "missing_tag");
  else if (tag.length <= MAX_LENGTH.tag && (!TAG_PATTERN.test(tag) || RESERVED_TAGS.includes(tag))) err("tag", "bad_tag", { value: tag });
  else if (lookups.existingTags.has(tag)) err("tag", "tag_exists", { value: tag });
  if (duplicates.length) err("tag", "duplicate_in_file", { lines: duplicates.join(", ") });
  const name = cells.name ?? "";
  if (!name) err("name", "missing_name");
  const typeId = cells.type ? lookups.types.get(foldHeader(cells.type)) : undefined;
  if (!cells.type) err("type", "missing_type");
  else if (typeId === undefined) err("type", "unknown_type", { value: cells.type });
  const owner = cells.owner ? lookups.owners.get(cells.owner.toLowerCase()) : undefined;
  if (cells.owner && !owner) err("owner", "unknown_owner", { value: cells.owner });
  if (owner === "ambiguous") err("owner", "ambiguous_owner", { value: cells.owner ?? "" });
  const person = owner && owner !== "ambiguous" ? owner : null;
  const status = cells.status ? lookups.statuses.get(foldHeader(cells.status)) : person ? "in_use" : "in_stock";
  if (!status) err("status", "unknown_status", { value: cells.status ?? "" });
  // a retired asset was handed back: nobody holds it (the same rule as the asset form)
  if (status === "retired" && person) err("owner", "retired_owner");
  const dates = { purchase_date: parseDate(cells.purchase_date ?? ""), warranty_end: parseDate(cells.warranty_end ?? "") };
  for (const c of ["purchase_date", "warranty_end"] as const) if (dates[c] === undefined) err(c, "bad_date", { value: cells[c] ?? "" });
  if (errors.length || typeId === undefined || !status) return { errors, asset: null };
  const text = Object.fromEntries(TEXT_COLUMNS.map((c) => [c, cells[c] || null])) as Record<(typeof TEXT_COLUMNS)[number], string | null>;
  return {
    errors,
    asset: {
      tag, name, typeId, status, ownerId: person?.id ?? null, ownerName: person?.name ?? null, ...text,
      purchaseDate: dates.purchase_date ?? null, warrantyEnd: dates.warranty_end ?? null,
    },
  };
}

/**
 * Every line of the file, valid or with its errors. A tag on several lines is an error on
 * each of them (naming the others): which one is right is the admin's call, not ours.
 */
export function checkLines(file: ImportFile, lookups: ImportLookups): ImportLine[] {
  const linesOf = new Map<string, number[]>();
  for (const r of file.records) {
    const tag = normalizeTag(r.cells.tag ?? "");
    if (tag) linesOf.set(tag, [...(linesOf.get(tag) ?? []), r.line]);
  }
  return file.records.map((r) => {
    const same = linesOf.get(normalizeTag(r.cells.tag ?? "")) ?? [];
    const { errors, asset } = checkLine(r.cells, lookups, same.length > 1 ? same.filter((l) => l !== r.line) : []);
    return { line: r.line, cells: r.cells, errors, asset };
  });
}
