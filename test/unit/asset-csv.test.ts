import { expect } from "chai";
import { csvLine, decodeCsv, detectSeparator, neutralise, parseCsv, restore } from "../../src/platform/csv";
import { FRENCH_HEADER, foldHeader, mapColumns, parseDate, ASSET_COLUMNS } from "../../src/modules/assets/csv/columns";
import { checkLines, readImportFile, MAX_IMPORT_ROWS, type ImportLookups } from "../../src/modules/assets/commands/import-rows";
import type { AppError } from "../../src/platform/http/errors";

const cells = (text: string) => parseCsv(text).records.map((r) => r.cells);

describe("unit: asset CSV (reader, writer, columns, line checks)", () => {
  it("reads quoted cells, doubled quotes, separators and line breaks inside quotes, CRLF and LF", () => {
    const text = 'tag,name,notes\r\nPC-1,"Laptop, 14""",plain\r\nPC-2,Dock,"two\r\nlines"\nPC-3,"""quoted""",\r\n';
    const p = parseCsv(text);
    expect(p.separator).to.equal(",");
    expect(p.header).to.deep.equal(["tag", "name", "notes"]);
    expect(p.records.map((r) => r.cells)).to.deep.equal([["PC-1", 'Laptop, 14"', "plain"], ["PC-2", "Dock", "two\r\nlines"], ["PC-3", '"quoted"', ""]]);
    // spreadsheet row numbers: a cell's line break does not shift them
    expect(p.records.map((r) => r.line)).to.deep.equal([2, 3, 4]);
  });

  it("strips a UTF-8 BOM, detects `;` from the header (French Excel), skips blank lines but counts them", () => {
    const p = parseCsv("\uFEFFÉtiquette;Nom;Notes\n\nPC-1;Écran 24\";a,b\n;;\nPC-2;Souris;\n");
    expect(p.separator).to.equal(";");
    expect(p.header[0]).to.equal("Étiquette");
    expect(p.records.map((r) => [r.line, r.cells[0], r.cells[2]])).to.deep.equal([[3, "PC-1", "a,b"], [5, "PC-2", ""]]);
    // a quoted `;` in the header does not count; a tie or none is a comma
    expect(detectSeparator('"a;b;c",d,e\nx;y;z;w')).to.equal(",");
    expect(detectSeparator("tag")).to.equal(",");
    expect(detectSeparator("\r\n\r\ntag;name")).to.equal(";");
  });

  it("a last line without its line break, an unclosed quote running to the end", () => {
    expect(cells("a,b\n1,2")).to.deep.equal([["1", "2"]]);
    expect(cells('a,b\n1,"open\nstill')).to.deep.equal([["1", "open\nstill"]]);
  });

  it("stops reading past the row limit it is given", () => {
    const text = `tag\n${Array.from({ length: 50 }, (_, i) => `PC-${i}`).join("\n")}`;
    expect(parseCsv(text, 10).records).to.have.length(10);
  });

  it("writes quoted cells when they hold any separator, a quote or a line break, CRLF, and neutralises formulas (= + - @ tab CR)", () => {
    expect(csvLine(["PC-1", "a,b", 'say "hi"', "two\nlines", null], ",")).to.equal('PC-1,"a,b","say ""hi""","two\nlines",\r\n');
    // any separator is quoted, whatever the file's: a spreadsheet may split on the other one
    expect(csvLine(["a,b", "c;d", "e\tf", "g"], ";")).to.equal('"a,b";"c;d";"e\tf";g\r\n');
    expect(csvLine(["x;=HYPERLINK(1)"], ",")).to.equal('"x;=HYPERLINK(1)"\r\n');
    for (const v of ["=1+2", "+33 1", "-2", "@SUM(A1)", "\tx", "\rx"]) expect(neutralise(v)).to.equal(`'${v}`);
    expect(neutralise("PC-1")).to.equal("PC-1");
    expect(csvLine(['=HYPERLINK("http://x","y")'], ",")).to.equal(`"'=HYPERLINK(""http://x"",""y"")"\r\n`);
    // what we write reads back the same (except the apostrophe that disarms a formula)
    const row = ["PC-9", "Écran, 27\"", "ligne 1\r\nligne 2", "=cmd"];
    expect(parseCsv(`h1;h2;h3;h4\r\n${csvLine(row, ";")}`).records[0].cells).to.deep.equal(["PC-9", "Écran, 27\"", "ligne 1\r\nligne 2", "'=cmd"]);
    expect(parseCsv(`h1;h2;h3;h4\r\n${csvLine(row, ";")}`).records[0].cells.map(restore)).to.deep.equal(row);
    expect(restore("'quoted'")).to.equal("'quoted'");
  });

  it("decodes UTF-8, and falls back to Windows-1252 (older Excel) when the bytes are not UTF-8", () => {
    expect(decodeCsv(new TextEncoder().encode("Modèle;Écran"))).to.equal("Modèle;Écran");
    expect(decodeCsv(Uint8Array.from([0x4d, 0x6f, 0x64, 0xe8, 0x6c, 0x65]))).to.equal("Modèle");
  });

  it("finds columns by English or French header, any case or accents; the French template's headers all map back", () => {
    const { index, ignored } = mapColumns(["TAG", "Numéro de série", "N° de série", "date d’achat", "Fin_de_garantie", "Purchase-Date", "Colour"]);
    expect(index).to.deep.equal({ tag: 0, serial: 1, purchase_date: 3, warranty_end: 4 });
    expect(ignored).to.deep.equal(["N° de série", "Purchase-Date", "Colour"]);
    const fr = mapColumns(ASSET_COLUMNS.map((c) => FRENCH_HEADER[c]));
    expect(Object.keys(fr.index)).to.deep.equal([...ASSET_COLUMNS]);
    expect(foldHeader("  Propriétaire : ")).to.equal("proprietaire");
  });

  it("reads dates as YYYY-MM-DD or DD/MM/YYYY, and refuses dates that do not exist", () => {
    expect(parseDate("2027-03-31")).to.equal("2027-03-31");
    expect(parseDate("31/03/2027")).to.equal("2027-03-31");
    expect(parseDate("1/3/2027")).to.equal("2027-03-01");
    expect(parseDate(" ")).to.equal(null);
    for (const bad of ["31/02/2027", "2027-13-01", "03/31/2027", "tomorrow", "2027/03/31"]) expect(parseDate(bad), bad).to.equal(undefined);
  });

  it("refuses a file without the required columns, or with too many lines", () => {
    const code = (text: string) => { try { readImportFile(text); return "ok"; } catch (e) { return (e as AppError).code; } };
    expect(code("")).to.equal("import_empty");
    expect(code("tag,name\nPC-1,x")).to.equal("import_missing_columns");
    expect(code(`tag,name,type\n${"PC-1,x,laptop\n".repeat(MAX_IMPORT_ROWS + 1)}`)).to.equal("import_too_many_rows");
    expect(code(`tag,name,type\n${"PC-1,x,laptop\n".repeat(MAX_IMPORT_ROWS)}`)).to.equal("ok");
  });

  it("checks each line: every mistake of a line at once, a tag on two lines an error on both", () => {
    const lookups: ImportLookups = {
      types: new Map([["laptop", 1], ["ordinateur portable", 1]]),
      statuses: new Map([["in stock", "in_stock"], ["in use", "in_use"], ["retired", "retired"], ["en service", "in_use"]]),
      owners: new Map<string, { id: number; name: string } | "ambiguous">([["alice", { id: 7, name: "Alice" }], ["bob", "ambiguous"]]),
      existingTags: new Set(["PC-OLD"]),
    };
    const file = readImportFile([
      "tag;name;type;status;owner;warranty_end",
      "pc-1;Laptop;Ordinateur portable;en service;ALICE;31/12/2027",
      "PC-2;;desk;broken;nobody;30/02/2027",
      "PC-3;Dock;laptop;;bob;",
      "PC-4;Again;laptop;;;",
      "PC-OLD;Old;laptop;retired;alice;",
      "bad tag!;X;laptop;;;",
      "pc-4 ;Twice;laptop;;;",
    ].join("\n"));
    const lines = checkLines(file, lookups);
    expect(lines[0].errors).to.deep.equal([]);
    expect(lines[0].asset).to.deep.include({ tag: "PC-1", typeId: 1, status: "in_use", ownerId: 7, ownerName: "Alice", warrantyEnd: "2027-12-31" });
    expect(lines[1].errors.map((e) => e.key)).to.deep.equal(["missing_name", "unknown_type", "unknown_owner", "unknown_status", "bad_date"]);
    expect(lines[1].asset).to.equal(null);
    expect(lines[2].errors.map((e) => e.key)).to.deep.equal(["ambiguous_owner"]);
    expect(lines[3].errors.map((e) => [e.key, e.params])).to.deep.equal([["duplicate_in_file", { lines: "8" }]]);
    expect(lines[6].errors.map((e) => [e.key, e.params])).to.deep.equal([["duplicate_in_file", { lines: "5" }]]);
    expect(lines[4].errors.map((e) => e.key)).to.deep.equal(["tag_exists", "retired_owner"]);
    expect(lines[5].errors.map((e) => e.key)).to.deep.equal(["bad_tag"]);
    expect(lines.map((l) => l.line)).to.deep.equal([2, 3, 4, 5, 6, 7, 8]);
    expect(lines.filter((l) => l.asset).map((l) => l.line)).to.deep.equal([2]);
    // no owner, no status: in stock
    const ok = checkLines(readImportFile("tag,name,type\nPC-9,Spare,laptop"), lookups);
    expect(ok[0].asset).to.deep.include({ status: "in_stock", ownerId: null });
    const long = checkLines(readImportFile(`tag,name,type,location\nPC-8,x,laptop,${"L".repeat(121)}`), lookups);
    expect(long[0].errors.map((e) => [e.key, e.column])).to.deep.equal([["too_long", "location"]]);
  });
});
