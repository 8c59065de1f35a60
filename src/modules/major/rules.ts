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
 * The parent of an attach, detach or fan-out, read so that it cannot change underneath:
 * on PostgreSQL a share lock makes an attach and a resolve (or a public update) of the
 * same parent run one after the other, so no child is attached just as its parent's
 * children are being resolved. SQLite runs one transaction at a time anyway.
 */
export function loadParent(tx: EntityManager, id: number): Promise<Ticket | null> {
  const lock = tx.connection.options.type === "postgres" ? { lock: { mode: "pessimistic_read" as const } } : {};
  return tx.findOne(Ticket, { where: { id }, ...lock });
}

/** The children still being worked, oldest first. */
export function openChildren(tx: EntityManager, parentId: number): Promise<Ticket[]> {
  return tx.find(Ticket, { where: { parentId, status: In([...OPEN_STATUSES]) }, order: { id: "ASC" } });
}
