import type { Role, Tier } from "./roles";

export interface ActorGroup {
  id: number;
  name: string;
  tier: Tier;
}

/** The signed-in person as the rules see them. Built once per request. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  provider: "local" | "ldap";
  locale: "en" | "fr" | null;
  timezone: string | null;
  groups: ActorGroup[];
  tiers: Tier[];
}

export function tierMask(actor: Actor): number {
  return actor.tiers.reduce((m, t) => m | (1 << (t - 1)), 0);
}
