/**
 * The inventory spreadsheet's columns: found by their header (English or French, any case,
 * with or without accents), in any order; a column we do not know is ignored (and said so).
 */

export const ASSET_COLUMNS = [
  "tag", "name", "type", "manufacturer", "model", "serial", "status", "owner", "location", "department", "purchase_date", "warranty_end", "notes",
] as const;
export type AssetColumn = (typeof ASSET_COLUMNS)[number];

/** The longest value each column may hold (the table's column sizes). */
export const MAX_LENGTH: Record<AssetColumn, number> = {
  tag: 40, name: 200, type: 80, manufacturer: 100, model: 100, serial: 100, status: 40, owner: 200, location: 120, department: 120,
  purchase_date: 10, warranty_end: 10, notes: 10_000,
};

/** Headers as people write them, folded (lower case, no accents, single spaces). */
const ALIASES: Record<string, AssetColumn> = {
  "tag": "tag", "asset tag": "tag", "etiquette": "tag", "numero d'inventaire": "tag",
  "name": "name", "nom": "name",
  "type": "type", "asset type": "type", "type d'equipement": "type",
  "manufacturer": "manufacturer", "fabricant": "manufacturer", "marque": "manufacturer",
  "model": "model", "modele": "model",
  "serial": "serial", "serial number": "serial", "numero de serie": "serial", "n de serie": "serial",
  "status": "status", "statut": "status", "etat": "status",
  "owner": "owner", "proprietaire": "owner", "utilisateur": "owner",
  "location": "location", "emplacement": "location", "site": "location",
  "department": "department", "service": "department", "departement": "department",
  "purchase date": "purchase_date", "date d'achat": "purchase_date",
  "warranty end": "warranty_end", "end of warranty": "warranty_end", "fin de garantie": "warranty_end",
  "notes": "notes", "note": "notes", "remarques": "notes", "commentaire": "notes",
};

/** "Numéro de série" -> "numero de serie"; "purchase_date" -> "purchase date"; "N° de série" -> "n de serie". */
export function foldHeader(h: string): string {
  return h.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[’`´]/g, "'").replace(/[°º]/g, "").replace(/[_\-.\s]+/g, " ").replace(/\s*'\s*/g, "'").replace(/\s*:\s*$/, "").trim();
}

export interface ColumnMap {
  /** Column -> its index in a record (the first header naming it). */
  index: Partial<Record<AssetColumn, number>>;
  /** Headers we did not recognise, as written. */
  ignored: string[];
}

export function mapColumns(header: string[]): ColumnMap {
  const index: Partial<Record<AssetColumn, number>> = {};
  const ignored: string[] = [];
  header.forEach((h, i) => {
    const col = ALIASES[foldHeader(h)];
    if (col && index[col] === undefined) index[col] = i;
    else if (h.trim()) ignored.push(h.trim());
  });
  return { index, ignored };
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A calendar date as YYYY-MM-DD, from YYYY-MM-DD or DD/MM/YYYY (the French spreadsheet's
 * way; also with dots or dashes). Empty: null. Not a real date (31/02/2025): undefined.
 */
export function parseDate(value: string): string | null | undefined {
  const v = value.trim();
  if (!v) return null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  const [y, mo, d] = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : french ? [Number(french[3]), Number(french[2]), Number(french[1])] : [0, 0, 0];
  if (!y) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || y > 2200 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** The export's header (English names: they read back in either language). */
export const TEMPLATE_HEADER: readonly AssetColumn[] = ASSET_COLUMNS;

/** The French template's header: what a French admin's spreadsheet says (each one an alias above). */
export const FRENCH_HEADER: Record<AssetColumn, string> = {
  tag: "Étiquette", name: "Nom", type: "Type", manufacturer: "Fabricant", model: "Modèle", serial: "Numéro de série", status: "Statut",
  owner: "Propriétaire", location: "Emplacement", department: "Service", purchase_date: "Date d'achat", warranty_end: "Fin de garantie", notes: "Notes",
};
