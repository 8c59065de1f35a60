import type { DataSource, EntityManager } from "typeorm";

/**
 * One transaction per command. Callbacks registered with `afterCommit` (domain events,
 * mail) run only once the transaction has committed, never on rollback.
 */
export async function withTransaction<T>(ds: DataSource, fn: (tx: EntityManager, afterCommit: (cb: () => void) => void) => Promise<T>): Promise<T> {
  const after: Array<() => void> = [];
  const result = await ds.transaction((tx) => fn(tx, (cb) => after.push(cb)));
  for (const cb of after) cb();
  return result;
}
