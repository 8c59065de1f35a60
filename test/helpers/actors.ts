import type { Actor } from "../../src/access/actor";
import type { Role, Tier } from "../../src/access/roles";

/** An actor without a database, for the policy matrices and presenters: one group per tier. */
export const actor = (id: number, role: Role, tiers: Tier[] = []): Actor => ({
  id, username: `u${id}`, displayName: `U${id}`, email: null, role, provider: "local", locale: null, timezone: null,
  groups: tiers.map((t) => ({ id: t, name: `G${t}`, tier: t })), tiers,
});
