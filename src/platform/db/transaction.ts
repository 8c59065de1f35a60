import type { DataSource, EntityManager } from "typeorm";

/**
 * SQLite has one connection per process: two transactions must not interleave on it,
 * so they queue here (PostgreSQL gives each its own pooled connection).
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

function serialised<T>(ds: DataSource, run: () => Promise<T>): Promise<T> {
  if (ds.options.type === "postgres") return run();
  const prev = queues.get(ds) ?? Promise.resolve();
  const next = prev.then(run, run);
  queues.set(ds, next.catch(() => undefined));
  return next;
}

/**
 * One transaction per command. Callbacks registered with `afterCommit` (domain events,
 * mail) run only once the transaction has committed, never on rollback.
 */
export async function withTransaction<T>(ds: DataSource, fn: (tx: EntityManager, afterCommit: (cb: () => void) => void) => Promise<T>): Promise<T> {
  const after: Array<() => void> = [];
  const result = await serialised(ds, () => ds.transaction((tx) => fn(tx, (cb) => after.push(cb))));
  for (const cb of after) cb();
  return result;
}
