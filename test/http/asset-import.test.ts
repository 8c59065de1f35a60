import { expect } from "chai";
import type request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeUser } from "../factories";
import { csrf, signIn, type Agent } from "../helpers/http";
import { Asset, AssetHistory } from "../../src/modules/assets/asset.entity";
import { createAsset } from "../../src/modules/assets";
import { MAX_IMPORT_BYTES } from "../../src/modules/assets/commands/import-rows";
import type { Actor } from "../../src/access/actor";

/** The raw bytes of a download (to see the byte order mark). */
const bytes = (r: request.Test) => r.buffer(true).parse((res, cb) => {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => cb(null, Buffer.concat(chunks)));
});

const HEADER = "tag,name,type,manufacturer,model,serial,status,owner,location,department,purchase_date,warranty_end,notes";

describe("HTTP: importing and exporting the inventory as CSV", () => {
  let ctx: TestContext;
  let admin: Actor;
  let alice: Actor;
  let page: Agent;

  const tokenOf = (html: string) => /name="token" value="([a-f0-9]+)"/.exec(html)?.[1] ?? null;
  const preview = async (agent: Agent, text: string, status: number) =>
    agent.post("/assets/import/preview").field("_csrf", await csrf(agent, "/assets/import"))
      .attach("file", Buffer.from(text), { filename: "inventory.csv", contentType: "text/csv" }).expect(status);
  const apply = async (agent: Agent, token: string, status: number) =>
    agent.post("/assets/import/apply").type("form").send({ _csrf: await csrf(agent, "/assets/import"), token }).expect(status);
  const tags = async () => (await ctx.deps.db.getRepository(Asset).find({ order: { tag: "ASC" } })).map((a) => a.tag);
  const lineRow = (html: string, line: number) => new RegExp(`<tr[^>]*data-line="${line}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? "";

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    admin = await makeUser(ctx.deps, { username: "imp-admin", role: "admin" });
    await makeUser(ctx.deps, { username: "imp-admin2", role: "admin" });
    alice = await makeUser(ctx.deps, { username: "imp-alice", name: "Alice Martin" });
    await makeAgent(ctx.deps, 1, { username: "imp-n1" });
    await makeUser(ctx.deps, { username: "imp-emp" });
    page = await signIn(ctx.app, "imp-admin");
  });

  beforeEach(async () => {
    await ctx.deps.db.getRepository(AssetHistory).createQueryBuilder().delete().execute();
    await ctx.deps.db.getRepository(Asset).createQueryBuilder().delete().execute();
  });

  it("only admins import (403 for an agent or an employee); the desk exports, an employee does not", async () => {
    for (const who of ["imp-n1", "imp-emp"]) {
      const agent = await signIn(ctx.app, who);
      await agent.get("/assets/import").expect(403);
      await agent.get("/assets/import/template.csv").expect(403);
      const token = await csrf(agent);
      await agent.post("/assets/import/preview").field("_csrf", token).attach("file", Buffer.from(`${HEADER}\nPC-1,x,laptop`), "a.csv").expect(403);
      await agent.post("/assets/import/apply").type("form").send({ _csrf: token, token: "a".repeat(48) }).expect(403);
    }
    await (await signIn(ctx.app, "imp-n1")).get("/assets/export.csv").expect(200);
    await (await signIn(ctx.app, "imp-emp")).get("/assets/export.csv").expect(403);
    expect(await tags()).to.deep.equal([]);
  });

  it("the form offers a file, a text area and the template (French headers and `;` for a French reader)", async () => {
    const html = (await page.get("/assets/import").expect(200)).text;
    expect(html).to.include('type="file"').and.include('name="text"').and.include('href="/assets/import/template.csv"');
    const en = await bytes(page.get("/assets/import/template.csv").expect(200).expect("content-type", /text\/csv/));
    expect((en.body as Buffer).toString("utf8")).to.equal(`\uFEFF${HEADER}\r\n`);
    const fr = await bytes(page.get("/assets/import/template.csv").set("accept-language", "fr").expect(200));
    expect((fr.body as Buffer).toString("utf8")).to.match(/^\uFEFFÉtiquette;Nom;Type;Fabricant;Modèle;Numéro de série;Statut;Propriétaire;/);
  });

  it("previews line by line (duplicate tag in the file and in the inventory, unknown owner and type, bad date), then imports only the valid lines with their history", async () => {
    await createAsset(ctx.deps, admin, { tag: "PC-EXIST", name: "Already here", type: "laptop" });
    const csv = [
      "\uFEFFÉtiquette;Nom;Type;Statut;Propriétaire;Fin de garantie;Couleur",
      "PC-100;ThinkPad T14;Ordinateur portable;en service;imp-alice;31/12/2027;grey",
      "PC-101;Dell 24\";monitor;;imp-alice@example.org;;black",
      "PC-102;Twice;laptop;;;;",
      "pc-102;Twice again;laptop;;;;",
      "PC-EXIST;Clash;laptop;;;;",
      "PC-103;Nobody's;laptop;;jdoe;;",
      "PC-104;Bad date;laptop;;;31/02/2027;",
      "PC-105;Fridge;fridge;;;;",
      "PC-106;\"Spare, boxed\";peripheral;in stock;;2027-01-15;",
    ].join("\r\n");
    const res = await preview(page, csv, 200);
    expect(res.text).to.include("Lines read: 9 — valid: 3, with errors: 6.");
    expect(res.text).to.include("Separator: semicolon").and.include("Columns ignored: Couleur");
    expect(lineRow(res.text, 4)).to.include("the same tag is also on line 5");
    expect(lineRow(res.text, 5)).to.include("the same tag is also on line 4");
    expect(lineRow(res.text, 6)).to.include("PC-EXIST is already in the inventory");
    expect(lineRow(res.text, 7)).to.include("Owner").and.include("no active person has the username or email “jdoe”");
    expect(lineRow(res.text, 8)).to.include("“31/02/2027” is not a date");
    expect(lineRow(res.text, 9)).to.include("no active type is called “fridge”");
    expect(lineRow(res.text, 2)).to.include("ThinkPad T14").and.include("In use").and.include("Alice Martin");
    expect(res.text).to.include("Import the valid lines (3)");
    // nothing is written by a preview
    expect(await tags()).to.deep.equal(["PC-EXIST"]);

    const token = tokenOf(res.text)!;
    // the token is the admin's own: another admin's session finds nothing
    const other = await signIn(ctx.app, "imp-admin2");
    expect((await apply(other, token, 404)).text).to.include("This preview has expired");
    const done = await apply(page, token, 303);
    expect(done.headers.location).to.equal(`/assets/import/report/${token}`);
    expect(await tags()).to.deep.equal(["PC-100", "PC-101", "PC-106", "PC-EXIST"]);
    const pc100 = await ctx.deps.db.getRepository(Asset).findOneByOrFail({ tag: "PC-100" });
    expect(pc100).to.include({ status: "in_use", ownerId: alice.id, warrantyEnd: "2027-12-31", createdById: admin.id });
    expect(await ctx.deps.db.getRepository(Asset).findOneByOrFail({ tag: "PC-101" })).to.include({ ownerId: alice.id, status: "in_use", name: 'Dell 24"' });
    expect(await ctx.deps.db.getRepository(Asset).findOneByOrFail({ tag: "PC-106" })).to.include({ status: "in_stock", ownerId: null, name: "Spare, boxed", warrantyEnd: "2027-01-15" });
    const history = await ctx.deps.db.getRepository(AssetHistory).find({ where: { assetId: pc100.id }, order: { id: "ASC" } });
    expect(history.map((h) => [h.kind, h.toValue, h.actorId])).to.deep.equal([["imported", "in_use", admin.id], ["owner", "Alice Martin", admin.id]]);

    const report = (await page.get(done.headers.location).expect(200)).text;
    expect(report).to.include("Assets created: 3. Lines skipped: 6.").and.include('href="/assets/PC-100"');
    expect(lineRow(report, 7)).to.include("jdoe");
    // imported once: the same token (a double click) imports nothing more and shows the same report
    expect((await apply(page, token, 303)).headers.location).to.equal(`/assets/import/report/${token}`);
    expect((await page.get(done.headers.location).expect(200)).text).to.include("Assets created: 3. Lines skipped: 6.");
    expect(await tags()).to.have.length(4);
    await other.get(`/assets/import/report/${token}`).expect(404);
  });

  it("accepts the pasted text (a plain form), keeps a preview an hour, says when nothing is valid, and refuses a file over the limit (413) or without columns (422)", async () => {
    const form = async (text: string, status: number) =>
      page.post("/assets/import/preview").type("form").send({ _csrf: await csrf(page, "/assets/import"), text }).expect(status);
    const ok = await form("tag,name,type\nPC-200,Pasted,laptop", 200);
    expect(ok.text).to.include("Lines read: 1 — valid: 1, with errors: 0.");
    // a preview left over an hour is gone
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 61 * 60_000));
    expect((await apply(page, tokenOf(ok.text)!, 404)).text).to.include("This preview has expired");
    ctx.clock.set(new Date("2026-11-23T09:00:00Z"));
    const none = await form("tag,name,type\nPC-201,,laptop", 200);
    expect(none.text).to.include('id="nothing-valid"').and.not.include('id="apply-form"');
    expect((await form("", 422)).text).to.include("Choose a CSV file or paste");
    expect((await form("serial,model\nX,Y", 422)).text).to.include("The header line has no column for: tag, name, type");
    const big = `${HEADER}\n${"PC-1,x,laptop,,,,,,,,,,".padEnd(200, " ")}\n`.repeat(Math.ceil(MAX_IMPORT_BYTES / 200) + 10);
    const refused = await preview(page, big, 413);
    expect(refused.text).to.include("The file is too big: at most 2 MB");
    expect(await tags()).to.deep.equal([]);
  });

  it("a failing transaction saves nothing, and the same preview imports once the cause is gone", async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `PC-${String(i).padStart(4, "0")},Laptop ${i},laptop`);
    const res = await preview(page, [HEADER.split(",").slice(0, 3).join(","), ...lines, "PC-BOOM,Boom,laptop"].join("\n"), 200);
    const token = tokenOf(res.text)!;
    const pg = ctx.deps.db.options.type === "postgres";
    // a database error on the last insert, after 300 assets went in within the transaction
    if (pg) {
      await ctx.deps.db.query("CREATE OR REPLACE FUNCTION import_boom() RETURNS trigger AS $$ BEGIN IF NEW.tag = 'PC-BOOM' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
      await ctx.deps.db.query("CREATE TRIGGER import_boom BEFORE INSERT ON assets FOR EACH ROW EXECUTE FUNCTION import_boom()");
    } else {
      await ctx.deps.db.query("CREATE TRIGGER import_boom BEFORE INSERT ON assets WHEN NEW.tag = 'PC-BOOM' BEGIN SELECT RAISE(ABORT, 'boom'); END");
    }
    try {
      await apply(page, token, 500);
      expect(await tags()).to.deep.equal([]);
      expect(await ctx.deps.db.getRepository(AssetHistory).count()).to.equal(0);
    } finally {
      await ctx.deps.db.query(pg ? "DROP TRIGGER import_boom ON assets" : "DROP TRIGGER import_boom");
    }
    await apply(page, token, 303);
    expect(await tags()).to.have.length(301);
    expect(await ctx.deps.db.getRepository(AssetHistory).count({ where: { kind: "imported" } })).to.equal(301);
  });

  it("exports with the list's filters, a BOM, `;` on request, formulas neutralised, and the file imports back as it was", async () => {
    await createAsset(ctx.deps, admin, { tag: "PC-300", name: "=HYPERLINK(\"http://evil\")", type: "laptop", owner: "imp-alice", warrantyEnd: "2026-12-10", notes: "line 1\nline 2; \"quoted\"", location: "Lyon" });
    await createAsset(ctx.deps, admin, { tag: "PC-301", name: "Spare dock", type: "peripheral", serial: "+33-SN", location: "Paris", purchaseDate: "2025-01-02" });
    await createAsset(ctx.deps, admin, { tag: "PC-302", name: "Old monitor", type: "monitor", status: "retired", department: "@Finance" });
    const agent = await signIn(ctx.app, "imp-n1");
    const all = await bytes(agent.get("/assets/export.csv").expect(200).expect("content-type", /text\/csv; charset=utf-8/).expect("content-disposition", /attachment; filename="?assets-2026-11-23.csv"?/));
    const text = (all.body as Buffer).toString("utf8");
    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).to.equal(true);
    expect(text).to.include(`PC-300,"'=HYPERLINK(""http://evil"")",laptop`).and.include(",'+33-SN,").and.include(",'@Finance,");
    // newest first, one line each (the notes' line break inside quotes)
    expect(text.split("\r\n").filter(Boolean).map((l) => l.replace(/^\uFEFF/, "").split(",")[0])).to.deep.equal(["tag", "PC-302", "PC-301", "PC-300"]);
    const filtered = await bytes(agent.get("/assets/export.csv?status=in_stock&sep=;").expect(200));
    const f = (filtered.body as Buffer).toString("utf8");
    expect(f.split("\r\n").filter(Boolean)).to.deep.equal(["\uFEFFtag;name;type;manufacturer;model;serial;status;owner;location;department;purchase_date;warranty_end;notes",
      "PC-301;Spare dock;peripheral;;;'+33-SN;in_stock;;Paris;;2025-01-02;;"]);
    const mine = (await bytes(agent.get("/assets/export.csv?owner=imp-alice&warranty=soon").expect(200))).body as Buffer;
    expect(mine.toString("utf8").split("\r\n").filter(Boolean).map((l) => l.split(",")[0])).to.deep.equal([`\uFEFFtag`, "PC-300"]);

    // round trip: the export, imported into an empty inventory, gives the same assets
    const before = (await ctx.deps.db.getRepository(Asset).find({ order: { tag: "ASC" } }))
      .map(({ tag, name, typeId, status, ownerId, location, department, serial, purchaseDate, warrantyEnd, notes }) =>
        ({ tag, name, typeId, status, ownerId, location, department, serial, purchaseDate, warrantyEnd, notes }));
    await ctx.deps.db.getRepository(Asset).createQueryBuilder().delete().execute();
    const res = await preview(page, text, 200);
    expect(res.text).to.include("Lines read: 3 — valid: 3, with errors: 0.");
    await apply(page, tokenOf(res.text)!, 303);
    const after = (await ctx.deps.db.getRepository(Asset).find({ order: { tag: "ASC" } }))
      .map(({ tag, name, typeId, status, ownerId, location, department, serial, purchaseDate, warrantyEnd, notes }) =>
        ({ tag, name, typeId, status, ownerId, location, department, serial, purchaseDate, warrantyEnd, notes }));
    expect(after).to.deep.equal(before);
  });
});
