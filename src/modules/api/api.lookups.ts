import { In, type EntityManager } from "typeorm";
import { invalid, notFound } from "../../platform/http/errors";
import { User } from "../users/user.entity";
import { SupportGroup } from "../users/group.entity";
import { Category } from "../tickets/category.entity";
import { Ticket } from "../tickets/ticket.entity";
import { formatNumber, parseNumber } from "../tickets/ticket.types";

/**
 * The API names people, groups and categories; the commands take ids. An unknown name
 * is a 422 on the API's own field name.
 */
export async function staffIdByUsername(m: EntityManager, username: string): Promise<number> {
  const found = await m.find(User, { select: { id: true }, where: { username, active: true, role: In(["agent", "supervisor"]) } });
  // a local and a directory account may share a username: the API cannot tell which is meant
  if (found.length !== 1) throw invalid({ assignee: "validation.assignee_not_in_group" });
  return found[0].id;
}

export async function groupIdByName(m: EntityManager, name: string | undefined): Promise<number | undefined> {
  if (name === undefined) return undefined;
  const g = await m.findOne(SupportGroup, { select: { id: true }, where: { name } });
  if (!g) throw invalid({ group: "validation.choice" });
  return g.id;
}

/** Only an active category can be chosen for a new ticket, as in the portal. */
export async function categoryIdByName(m: EntityManager, name: string | null | undefined): Promise<number | undefined> {
  if (!name) return undefined;
  const c = await m.findOne(Category, { select: { id: true }, where: { name, active: true } });
  if (!c) throw invalid({ category: "validation.choice" });
  return c.id;
}

/**
 * "INC-000123" -> 123. When the prefix does not match the ticket's type it is a 404
 * before any command runs (the same 404 as a ticket that does not exist, so it tells
 * nothing about tickets the caller may not see).
 */
export async function ticketIdParam(m: EntityManager, param: unknown): Promise<number> {
  const n = parseNumber(String(param ?? ""));
  if (!n) throw notFound("ticket_not_found");
  if (n.prefix) {
    const t = await m.findOne(Ticket, { select: { id: true, type: true }, where: { id: n.id } });
    if (!t || !formatNumber(t.type, t.id).startsWith(n.prefix)) throw notFound("ticket_not_found");
  }
  return n.id;
}
