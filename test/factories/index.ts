import type { Deps } from "../../src/platform/deps";
import type { Actor } from "../../src/access/actor";
import type { Role } from "../../src/access/roles";
import { SYSTEM_ACTOR } from "../../src/access/policies/admin.policy";
import { createUser } from "../../src/modules/users/commands/create-user";
import { loadActor } from "../../src/modules/users/queries/load-actor";
import { SupportGroup } from "../../src/modules/users/group.entity";
import { createTicket } from "../../src/modules/tickets/commands/create-ticket";
import { createTicketSchema } from "../../src/modules/tickets/ticket.schemas";
import type { Ticket } from "../../src/modules/tickets/ticket.entity";

export const PASSWORD = "correct-horse-battery";
let seq = 0;

export async function groupId(deps: Deps, name: string): Promise<number> {
  return (await deps.db.getRepository(SupportGroup).findOneOrFail({ where: { name } })).id;
}

export const N1 = "N1 Service Desk";
export const N2 = "N2 Support";
export const N3 = "N3 Engineering";

/** A user through the real command; returns the actor the rules see. */
export async function makeUser(deps: Deps, opts: { role?: Role; groups?: string[]; username?: string; vip?: boolean; name?: string; locale?: "en" | "fr" } = {}): Promise<Actor> {
  const username = opts.username ?? `user${++seq}`;
  const groupIds = await Promise.all((opts.groups ?? []).map((g) => groupId(deps, g)));
  const u = await createUser(deps, SYSTEM_ACTOR, {
    username, password: PASSWORD, displayName: opts.name ?? `User ${username}`, email: `${username}@example.org`,
    phone: null, department: "Finance", location: "Lyon", locale: opts.locale ?? null, vip: opts.vip ?? false,
    role: opts.role ?? "requester", groupIds,
  });
  return (await loadActor(deps.db.manager, u.id))!;
}

export const makeAgent = (deps: Deps, tier: 1 | 2 | 3, opts: { username?: string; name?: string } = {}) =>
  makeUser(deps, { ...opts, role: "agent", groups: [[N1, N2, N3][tier - 1]] });

export async function makeTicket(deps: Deps, requester: Actor, over: Record<string, unknown> = {}): Promise<Ticket> {
  const input = createTicketSchema.parse({ type: "incident", title: "VPN drops every hour", description: "Since this morning.", ...over });
  return createTicket(deps, requester, input);
}
