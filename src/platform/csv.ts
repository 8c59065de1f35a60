/**
 * A small CSV reader and writer (RFC 4180) for spreadsheets (the inventory, the reports): quoted cells,
 * doubled quotes, line breaks inside quotes, CRLF or LF, a UTF-8 byte order mark, and
 * `,` or `;` as the separator (French Excel writes `;`), told from the header line.
 * Our own (a few dozen lines) rather than a dependency.
 */

export type Separator = "," | ";";
/** What an export may use: a tab too (a "TSV" that spreadsheets open without asking). */
export type WriteSeparator = Separator | "\t";

export interface CsvRecord {
  /** The spreadsheet's row number: the header is row 1, whatever line breaks the cells hold. */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  separator: Separator;
  header: string[];
  records: CsvRecord[];
}

const BOM = "\uFEFF";

/** The separator of the header line: the one of `;` and `,` found more often outside quotes (`,` when neither). */
export function detectSeparator(text: string): Separator {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of (text.startsWith(BOM) ? text.slice(1) : text).replace(/^[\r\n]+/, "")) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

/**
 * The header (the first row that is not blank) and the records after it. A quote inside an unquoted cell is kept as
 * written (what spreadsheets do), an unclosed quote runs to the end of the text. Rows whose
 * cells are all blank are dropped (a spreadsheet's trailing empty lines) but still counted.
 * `maxRecords`: stop reading past so many (the caller refuses the file; no need to read on).
 */
export function parseCsv(input: string, maxRecords = Infinity): ParsedCsv {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const separator = detectSeparator(text);
  const rows: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let row = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== "")) rows.push({ line: row, cells });
    cells = [];
    cell = "";
    row++;
  };
  for (let i = 0; i < text.length && rows.length <= maxRecords; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === separator) {
      cells.push(cell);
      cell = "";
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
    } else cell += ch;
  }
  if (cell !== "" || cells.length) endRow();
  const [head, ...records] = rows;
  return { separator, header: head ? head.cells.map((h) => h.trim()) : [], records };
}

/**
 * A cell a spreadsheet would run as a formula (= + - @, or a leading tab or carriage
 * return) gets a leading apostrophe: an exported inventory never executes on opening (CSV
 * injection). Plain negative numbers are not in our columns, so nothing legitimate is lost.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A cell we neutralised, back as it was: an exported inventory imports back unchanged. */
export function restore(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/**
 * One cell: quoted when it holds any separator (not only the file's: a spreadsheet set to
 * a French locale splits a comma file on ";", and an unquoted "x;=HYPERLINK(...)" would
 * become a formula cell), a quote or a line break.
 */
function cellText(value: string): string {
  const v = neutralise(value);
  return /[,;\t"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One record, CRLF-terminated (RFC 4180, and what Excel expects). */
export function csvLine(cells: (string | null | undefined)[], sep: WriteSeparator): string {
  return `${cells.map((c) => cellText(c ?? "")).join(sep)}\r\n`;
}

/** The byte order mark first: Excel then reads the file as UTF-8 (accents intact). */
export const CSV_BOM = BOM;

/**
 * The uploaded bytes as text: UTF-8 (with or without its mark), else Windows-1252, which
 * older Excel versions write for "CSV (separator: semicolon)".
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}
