import type { Actor } from "../../access/actor";
import type { Deps } from "../../platform/deps";
import { parse } from "../../platform/http/validate";
import type { Ticket } from "./ticket.entity";
import {
  assignSchema, classifySchema, deescalateSchema, escalateSchema, pendingSchema, reopenSchema, resolveSchema, versionSchema,
} from "./ticket.schemas";
import { takeTicket } from "./commands/take-ticket";
import { assignTicket } from "./commands/assign-ticket";
import { setPending } from "./commands/set-pending";
import { resumeTicket } from "./commands/resume-ticket";
import { escalateTicket } from "./commands/escalate-ticket";
import { deescalateTicket } from "./commands/deescalate-ticket";
import { classifyTicket } from "./commands/classify-ticket";
import { resolveTicket } from "./commands/resolve-ticket";
import { closeTicket } from "./commands/close-ticket";
import { reopenTicket } from "./commands/reopen-ticket";
import { mergeTicket } from "./commands/merge-ticket";
import { relate, unrelate } from "./commands/link-tickets";
import { mergeSchema, relateSchema } from "./link.schemas";
import { majorSchema, parentSchema, setMajor, setParent } from "../major";

type Action = (deps: Deps, actor: Actor, id: number, body: unknown) => Promise<Ticket>;

/**
 * The ticket actions as (validated input -> one command): the HTML routes and the JSON
 * API both go through this table, so they cannot drift apart.
 */
export const TICKET_ACTIONS: Record<string, Action> = {
  take: (d, a, id, b) => takeTicket(d, a, id, parse(versionSchema, b).version),
  assign: (d, a, id, b) => {
    const i = parse(assignSchema, b);
    return assignTicket(d, a, id, i.assigneeId, i.version);
  },
  pending: (d, a, id, b) => setPending(d, a, id, parse(pendingSchema, b)),
  resume: (d, a, id, b) => resumeTicket(d, a, id, parse(versionSchema, b).version),
  escalate: (d, a, id, b) => escalateTicket(d, a, id, parse(escalateSchema, b)),
  deescalate: (d, a, id, b) => deescalateTicket(d, a, id, parse(deescalateSchema, b)),
  classify: (d, a, id, b) => classifyTicket(d, a, id, parse(classifySchema, b)),
  resolve: (d, a, id, b) => resolveTicket(d, a, id, parse(resolveSchema, b)),
  close: (d, a, id, b) => closeTicket(d, a, id, parse(versionSchema, b).version),
  reopen: (d, a, id, b) => reopenTicket(d, a, id, parse(reopenSchema, b)),
  merge: (d, a, id, b) => mergeTicket(d, a, id, parse(mergeSchema, b)),
  related: (d, a, id, b) => relate(d, a, id, parse(relateSchema, b).number),
  unrelate: (d, a, id, b) => unrelate(d, a, id, parse(relateSchema, b).number),
  major: (d, a, id, b) => setMajor(d, a, id, parse(majorSchema, b)),
  parent: (d, a, id, b) => setParent(d, a, id, parse(parentSchema, b)),
};
