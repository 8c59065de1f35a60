import { In, type EntityManager } from "typeorm";
import { AppError } from "../../platform/http/errors";
import { Ticket } from "../tickets/ticket.entity";
import { formatNumber, OPEN_STATUSES } from "../tickets/ticket.types";

/** Major incidents are incidents: the parent's number is always INC-. */
export const incidentNumber = (id: number): string => formatNumber("incident", id);

/** What employees see as the incident's name: its public title, else its title. */
export const shownTitle = (t: Pick<Ticket, "title" | "publicTitle">): string => t.publicTitle ?? t.title;

export const isOpen = (t: Pick<Ticket, "status">): boolean => OPEN_STATUSES.includes(t.status);

/** An update as the bell and the banner show it: one line, cut at a word near `max` characters. */
export function excerpt(text: string, max = 200): string {
  // line breaks and runs of spaces become one space; the no-break spaces of French typography stay
  const line = text.replace(/[ \t\r\n\f\v]+/g, " ").trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, "")}…`;
}

/** The public page of a major incident (employees follow it there; they cannot read the ticket itself). */
export const publicPath = (id: number): string => `/major/${incidentNumber(id)}`;

/** The refusals a person fixes in a field (major.fields.*), and the others. */
type FieldErrorCode = "not_incident" | "not_major" | "self" | "child_is_major" | "no_such_incident" | "bad_numbers" | "too_many";
export type MajorErrorCode = FieldErrorCode | "parent_closed" | "already_attached" | "child_closed" | "is_child" | "has_children" | "not_attached";

/**
 * A refusal with a stable code and its own message naming the ticket (shown at the top of
 * the page and in the API's error), and, when the person typed or chose the value, the
 * field with a message of its own (field messages are translated without values).
 */
export function refuse(status: 409 | 422, code: MajorErrorCode, params: Record<string, string | number> = {}, field?: string): AppError {
  return new AppError(status, code, `major.errors.${code}`, params, field ? { [field]: `major.fields.${code}` } : undefined);
}

/**
 * The parent of an attach, a detach, an unmark or a fan-out, read fresh and, on
 * PostgreSQL, locked FOR UPDATE until the transaction ends. What that guarantees: for one
 * parent, attach, detach, unmark and the fan-outs of a public update or a resolution run
 * one after the other. A resolve (or unmark) that locked first reads the children after
 * the lock and the attach waiting on it then reads the parent resolved (or unmarked) and
 * refuses; an attach that locked first is committed before the resolve reads the
 * children, which then include it. So no open child is left under a resolved parent and
 * no child under an ordinary ticket. Plain reads (the pages) are not blocked. SQLite runs
 * one transaction at a time anyway (and TypeORM refuses lock modes there).
 */
export function loadParent(tx: EntityManager, id: number): Promise<Ticket | null> {
  const lock = tx.connection.options.type === "postgres" ? { lock: { mode: "pessimistic_write" as const } } : {};
  return tx.findOne(Ticket, { where: { id }, ...lock });
}

/** The children still being worked, oldest first. */
export function openChildren(tx: EntityManager, parentId: number): Promise<Ticket[]> {
  return tx.find(Ticket, { where: { parentId, status: In([...OPEN_STATUSES]) }, order: { id: "ASC" } });
}
