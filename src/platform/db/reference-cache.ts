import type { DataSource, EntityManager } from "typeorm";
import { cacheFor, type TtlCache } from "../cache";
import { withTransaction } from "./transaction";

/**
 * Reference data read on every page (groups, categories, who works a tier) changes
 * rarely and only through admin commands. Pages read it from here; commands always
 * read fresh inside their transaction.
 */
const REFERENCE_TTL_MS = 5000;
const caches = new WeakMap<DataSource, TtlCache<unknown>>();

export function cachedReference<T>(db: DataSource, key: string, load: () => Promise<T>): Promise<T> {
  return cacheFor(caches, db, REFERENCE_TTL_MS).get(key, load) as Promise<T>;
}

export function invalidateReference(db: DataSource): void {
  caches.get(db)?.clear();
}

/** An admin change to reference data: one transaction, then this process's cache is cleared. */
export async function withReferenceChange<T>(db: DataSource, fn: (tx: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await withTransaction(db, fn);
  } finally {
    invalidateReference(db);
  }
}
