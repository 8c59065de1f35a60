import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { testContext, type TestContext } from "../helpers/context";

/**
 * Every index a migration creates, by name (raw CREATE INDEX or a TableIndex); on SQLite
 * not the PostgreSQL-only ones (a GIN index: SQLite's full text is its FTS5 table).
 */
function indexesInMigrations(sqlite: boolean): string[] {
  const dir = path.join(__dirname, "../../migrations");
  const names = new Set<string>();
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".ts"))) {
    const src = fs.readFileSync(path.join(dir, f), "utf8");
    for (const m of src.matchAll(/CREATE (?:UNIQUE )?INDEX (\w+)([^"]*)/g)) if (!(sqlite && /USING GIN/i.test(m[2]))) names.add(m[1]);
    for (const m of src.matchAll(/new TableIndex\(\{ name: "(\w+)"/g)) names.add(m[1]);
    // an index a later migration replaces on purpose
    for (const m of src.matchAll(/DROP INDEX (\w+)/g)) if (!/async down/.test(src.slice(0, m.index))) names.delete(m[1]);
  }
  return [...names].sort();
}

describe("Integration: migrations", () => {
  let ctx: TestContext;
  before(async () => { ctx = await testContext(); });

  it("leaves every index they create in place (a table rebuilt later keeps the partial indexes)", async () => {
    const db = ctx.deps.db;
    const rows: { name: string }[] = db.options.type === "postgres"
      ? await db.query("SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'")
      : await db.query("SELECT name FROM sqlite_master WHERE type = 'index'");
    const present = new Set(rows.map((r) => r.name));
    const expected = indexesInMigrations(db.options.type !== "postgres");
    if (db.options.type === "postgres") expect(expected).to.include("ix_kb_articles_search");
    expect(expected).to.include.members(["ix_tickets_sla_next_due", "ix_tickets_open_activity", "ix_tickets_problem", "ix_tickets_major_open"]);
    expect(expected.filter((n) => !present.has(n))).to.deep.equal([]);
  });
});
