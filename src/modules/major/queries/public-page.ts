import type { Actor } from "../../../access/actor";
import { canTicket } from "../../../access/policies/ticket.policy";
import { isStaff } from "../../../access/roles";
import type { Deps } from "../../../platform/deps";
import { notFound } from "../../../platform/http/errors";
import { rawEntities } from "../../../platform/db/raw";
import { Ticket } from "../../tickets/ticket.entity";
import { publicUpdates, standings, type PublicUpdate, type Standing } from "./open-majors";

export interface PublicMajor {
  ticket: Ticket;
  updates: PublicUpdate[];
  standing: Standing;
  /** Staff who may read the ticket itself get a link to it (its requester has "your ticket"). */
  deskLink: boolean;
}

/**
 * The public side of a major incident, for anyone signed in: what the presenter may show
 * of it is its public title, status, public staff updates and resolution — never its
 * description, internal notes or requester. A ticket that is not a major incident does
 * not exist here (404), whether or not the actor may read it.
 */
export async function getPublicMajor(deps: Deps, actor: Actor, id: number): Promise<PublicMajor> {
  const [t] = await rawEntities(deps.db, Ticket, "id = ?", [id]);
  if (!t || !t.major) throw notFound("ticket_not_found");
  const [updates, standing] = await Promise.all([publicUpdates(deps.db, id), standings(deps.db, actor, [t])]);
  return { ticket: t, updates, standing: standing.get(id) ?? { kind: "none" }, deskLink: isStaff(actor.role) && canTicket(actor, "read", t) };
}
