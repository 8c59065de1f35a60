import type { DataSource } from "typeorm";
import type { Config } from "../config";
import { createDataSource } from "./data-source";

/** Open the database and bring its schema up to date (idempotent). */
export async function connect(cfg: Config, opts: { migrate: boolean }): Promise<DataSource> {
  const ds = createDataSource(cfg);
  await ds.initialize();
  if (opts.migrate) await ds.runMigrations({ transaction: "each" });
  return ds;
}
