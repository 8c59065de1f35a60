import fs from "node:fs";
import { DataSource, EntityManager } from "typeorm";
import type { Config } from "../config";
import { entities } from "./entities";
import { migrations } from "./migrations";

export type Db = DataSource;
export type Tx = EntityManager;

export function isPostgres(ds: DataSource): boolean {
  return ds.options.type === "postgres";
}

/** SQLite (embedded, default) unless DATABASE_URL points to PostgreSQL. */
export function createDataSource(cfg: Pick<Config, "databaseUrl" | "dataDir" | "sqlitePath">): DataSource {
  if (cfg.databaseUrl) {
    return new DataSource({
      type: "postgres",
      url: cfg.databaseUrl,
      entities,
      migrations,
      migrationsTableName: "migrations",
      synchronize: false,
      logging: false,
      extra: { max: 10 },
    });
  }
  fs.mkdirSync(cfg.dataDir, { recursive: true });
  return new DataSource({
    type: "better-sqlite3",
    database: cfg.sqlitePath,
    entities,
    migrations,
    migrationsTableName: "migrations",
    synchronize: false,
    logging: false,
    // prepared statements kept (first in, first out): TypeORM keeps 100, fewer than the
    // distinct statements of a busy desk (every IN list length is one), and re-preparing
    // them showed in a ticket creation's profile
    statementCacheSize: 2000,
    // WAL lets readers run while one writer commits (and several app processes share the file).
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("busy_timeout = 5000");
      db.pragma("foreign_keys = ON");
      // SQLite's default page cache is 2 MB: a desk opens tickets all over a file of
      // hundreds of MB. 64 MB of cache and reads through mmap halve a ticket page's reads.
      db.pragma("cache_size = -65536");
      db.pragma("mmap_size = 268435456");
    },
  });
}
