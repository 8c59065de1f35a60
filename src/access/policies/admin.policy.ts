import type { Actor } from "../actor";
import { forbidden } from "../../platform/http/errors";

/** Configuration (users, groups, categories, matrix, audit) is the admin's alone. */
export function authorizeAdmin(actor: Actor): void {
  if (actor.role !== "admin") throw forbidden();
}

/** The command line acts as the system: audited with no actor. */
export const SYSTEM_ACTOR: Actor = {
  id: 0, username: "system", displayName: "System", email: null, role: "admin", provider: "local",
  locale: null, timezone: null, groups: [], tiers: [],
};
