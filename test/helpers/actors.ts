import type { Actor } from "../../src/access/actor";
import type { Role, Tier } from "../../src/access/roles";
import { AppError } from "../../src/platform/http/errors";

/** An actor without a database, for the policy matrices and presenters: one group per tier. */
export const actor = (id: number, role: Role, tiers: Tier[] = []): Actor => ({
  id, username: `u${id}`, displayName: `U${id}`, email: null, role, provider: "local", locale: null, timezone: null,
  groups: tiers.map((t) => ({ id: t, name: `G${t}`, tier: t })), tiers,
});

/** One actor of each role (agents of tier 1 and of tier 3), for the policies whose rules do not depend on the tier in between. */
export const ONE_OF_EACH: Record<string, Actor> = {
  requester: actor(1, "requester"),
  agent_n1: actor(2, "agent", [1]),
  agent_n3: actor(3, "agent", [3]),
  supervisor: actor(4, "supervisor", [1, 2, 3]),
  admin: actor(5, "admin"),
};

/** What an authorize() call answers: 200 when it lets through, else the refusal's status (500: not a refusal). */
export function statusOf(fn: () => void): number {
  try {
    fn();
    return 200;
  } catch (e) {
    return e instanceof AppError ? e.status : 500;
  }
}
