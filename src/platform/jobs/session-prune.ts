import { DbSessionStore } from "../db/session-store";
import type { JobDefinition } from "./job";

export const SESSION_PRUNE_JOB = "session-prune";

/**
 * Deletes the sessions whose expiry has passed (they are refused on read already; this
 * only keeps the table small). The store's own prune() does the work, so the rule lives
 * in one place. main.ts also prunes once at start.
 */
export function sessionPruneJob(): JobDefinition {
  return {
    name: SESSION_PRUNE_JOB,
    defaultSchedule: "0 * * * *",
    async run({ deps }) {
      const store = new DbSessionStore(deps.db, deps.clock, deps.config.session.idleMinutes * 60_000);
      return { counts: { deleted: await store.prune() } };
    },
  };
}
