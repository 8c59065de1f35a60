import type { DataSource } from "typeorm";

/**
 * A hand-written statement with `?` placeholders, numbered for PostgreSQL. For the few
 * hot paths (session lookups) where building a query through the ORM costs more than
 * running it.
 */
export function rawQuery<T>(db: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  if (db.options.type === "postgres") {
    let n = 0;
    sql = sql.replace(/\?/g, () => `$${++n}`);
  }
  return db.query(sql, params) as Promise<T[]>;
}
