import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from "typeorm";

/**
 * A hand-written statement with `?` placeholders, numbered for PostgreSQL. For the few
 * hot paths (session lookups) where building a query through the ORM costs more than
 * running it.
 */
export function rawQuery<T>(db: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  return db.query(dialectSql(db, sql), params) as Promise<T[]>;
}

/** The same statement inside a transaction (a write that must queue with the others on SQLite). */
export function txQuery<T>(tx: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return tx.query(dialectSql(tx.dataSource, sql), params) as Promise<T[]>;
}

/** "?" placeholders, numbered "$1, $2 ..." for PostgreSQL. */
function dialectSql(db: DataSource, sql: string): string {
  if (db.options.type !== "postgres") return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const selects = new WeakMap<EntityMetadata, string>();

/**
 * Entities read with a hand-written WHERE: the same objects the ORM would build (column
 * transformers applied, booleans and numbers normalised) without its query building,
 * and with bound parameters, so the statement is prepared once (TypeORM's SQLite driver
 * writes numbers into the SQL text, which defeats the statement cache).
 */
export async function rawEntities<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>, where: string, params: unknown[]): Promise<T[]> {
  const meta = db.getMetadata(entity);
  let select = selects.get(meta);
  if (!select) {
    select = `SELECT ${meta.columns.map((c) => `"${c.databaseName}"`).join(", ")} FROM "${meta.tableName}"`;
    selects.set(meta, select);
  }
  const rows = await rawQuery<Record<string, unknown>>(db, `${select} WHERE ${where}`, params);
  return rows.map((row) => {
    const o = meta.create() as Record<string, unknown>;
    for (const c of meta.columns) {
      let v = row[c.databaseName];
      if (v != null && c.type === "boolean") v = v === true || v === 1 || v === "1";
      else if (v != null && (c.type === "integer" || c.type === "bigint") && !c.transformer) v = Number(v);
      if (c.transformer && !Array.isArray(c.transformer)) v = c.transformer.from(v);
      o[c.propertyName] = v;
    }
    return o as T;
  });
}

/** "?, ?, ?" for an IN list. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}

/** ":name" parameters to positional "?" ones, in order of appearance (for rawQuery). */
export function positional(sql: string, params: Record<string, unknown>): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const out = sql.replace(/:(\w+)/g, (m, name: string) => {
    if (!(name in params)) return m;
    values.push(params[name]);
    return "?";
  });
  return { sql: out, values };
}
