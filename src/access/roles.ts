export const ROLES = ["requester", "agent", "supervisor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const TIERS = [1, 2, 3] as const;
export type Tier = (typeof TIERS)[number];

export function isTier(n: number): n is Tier {
  return n === 1 || n === 2 || n === 3;
}

/** Agents and supervisors work tickets; requesters and admins do not (admin is configuration). */
export function isStaff(role: Role): boolean {
  return role === "agent" || role === "supervisor";
}
