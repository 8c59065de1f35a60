import Database from "better-sqlite3";
import { Client } from "pg";

export type Cell = string | number | boolean | null;
export type Row = Cell[];

/**
 * Where the seed rows go: prepared multi-row INSERTs inside big transactions, one
 * implementation per database. Rows are arrays in the order of `columns`.
 */
export interface Sink {
  readonly dialect: "sqlite" | "postgres";
  begin(): Promise<void>;
  commit(): Promise<void>;
  insert(table: string, columns: readonly string[], rows: Row[]): Promise<void>;
  /** Run after the last commit: sequences, statistics. */
  finish(opts: { analyze: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** Rows per INSERT statement: well under SQLite's 32766 and PostgreSQL's 65535 bound parameters. */
function rowsPerStatement(columns: number, max: number): number {
  return Math.max(1, Math.min(500, Math.floor(max / columns)));
}

function insertSql(table: string, columns: readonly string[], rows: number, placeholder: (i: number) => string): string {
  const tuples: string[] = [];
  let p = 0;
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < columns.length; c++) cells.push(placeholder(++p));
    tuples.push(`(${cells.join(",")})`);
  }
  return `INSERT INTO ${table} (${columns.join(",")}) VALUES ${tuples.join(",")}`;
}

/** Splits rows into full statements (prepared once) and a tail, flattening the parameters. */
async function inChunks(rows: Row[], per: number, run: (n: number, params: Cell[]) => Promise<void> | void): Promise<void> {
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: Cell[] = [];
    for (const r of chunk) for (const v of r) params.push(v);
    await run(chunk.length, params);
  }
}

export class SqliteSink implements Sink {
  readonly dialect = "sqlite" as const;
  private readonly db: Database.Database;
  private readonly stmts = new Map<string, Database.Statement<unknown[]>>();

  constructor(file: string) {
    this.db = new Database(file);
    // a throw-away database written once: no journal, no fsync, no FK lookups (the rows are consistent by construction)
    this.db.pragma("journal_mode = OFF");
    this.db.pragma("synchronous = OFF");
    this.db.pragma("foreign_keys = OFF");
    this.db.pragma("cache_size = -200000");
  }

  async begin(): Promise<void> {
    this.db.exec("BEGIN");
  }

  async commit(): Promise<void> {
    this.db.exec("COMMIT");
  }

  async insert(table: string, columns: readonly string[], rows: Row[]): Promise<void> {
    const per = rowsPerStatement(columns.length, 30_000);
    await inChunks(rows, per, (n, params) => {
      const key = `${table}:${n}`;
      let stmt = this.stmts.get(key);
      if (!stmt) {
        stmt = this.db.prepare<unknown[]>(insertSql(table, columns, n, () => "?"));
        this.stmts.set(key, stmt);
      }
      // better-sqlite3 binds no booleans
      stmt.run(params.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v)));
    });
  }

  async finish(opts: { analyze: boolean }): Promise<void> {
    if (opts.analyze) this.db.exec("ANALYZE");
    // back to what the app runs with (it sets WAL again at each start anyway)
    this.db.pragma("journal_mode = WAL");
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

export class PostgresSink implements Sink {
  readonly dialect = "postgres" as const;
  private readonly client: Client;
  private readonly sql = new Map<string, string>();

  constructor(url: string) {
    this.client = new Client({ connectionString: url });
  }

  async open(): Promise<this> {
    await this.client.connect();
    return this;
  }

  async begin(): Promise<void> {
    await this.client.query("BEGIN");
  }

  async commit(): Promise<void> {
    await this.client.query("COMMIT");
  }

  async insert(table: string, columns: readonly string[], rows: Row[]): Promise<void> {
    const per = rowsPerStatement(columns.length, 60_000);
    await inChunks(rows, per, async (n, params) => {
      const name = `bench_${table}_${n}`;
      let text = this.sql.get(name);
      if (!text) this.sql.set(name, (text = insertSql(table, columns, n, (i) => `$${i}`)));
      // a named statement is parsed once per connection; later calls send only the values
      await this.client.query({ name, text, values: params });
    });
  }

  async finish(_opts: { analyze: boolean }): Promise<void> {
    // ids were given explicitly: move the serial sequences past them
    for (const table of ["users", "tickets", "ticket_comments", "ticket_history", "assets", "asset_history"]) {
      await this.client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT MAX(id) FROM ${table}), 1))`);
    }
    // autovacuum would analyse these tables soon after such a load; do it now so the plans are the settled ones
    await this.client.query("ANALYZE");
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** Create (or recreate) the bench database on the server of DATABASE_URL; never touches the URL's own database. */
export async function recreatePgDatabase(url: string, name: string): Promise<string> {
  const target = new URL(url);
  const current = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (current === name) throw new Error(`DATABASE_URL already points to ${name}; give the URL of another database on that server`);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  target.pathname = `/${name}`;
  return target.toString();
}

export async function dropPgDatabase(url: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
