import { parse } from "../../platform/http/validate";
import type { EntityManager } from "typeorm";
import type { z } from "zod";
import { AppError, invalid, notFound } from "../../platform/http/errors";
import { categoryIdByName, groupIdByName, staffIdByUsername, ticketIdParam } from "./api.lookups";
import { Ticket } from "../tickets/ticket.entity";
import { parseNumber } from "../tickets/ticket.types";
import { parseProblemNumber } from "../problems/problem.entity";
import {
  assignBody, classifyBody, deescalateBody, escalateBody, majorBody, mergeBody, parentBody, pendingBody, relatedBody, reopenBody, resolveBody, versionBody,
} from "./api.schemas";

/** An API body, validated strictly, turned into the body TICKET_ACTIONS expects from a page. */
type Translate = (m: EntityManager, body: unknown, ticketId: number) => Promise<Record<string, unknown>>;

/** Bodies whose fields already have the page's names. */
const same = <S extends z.ZodType<Record<string, unknown>>>(schema: S): Translate => async (_m, b) => parse(schema, b);

/**
 * The actions the API exposes; each then goes through the very TICKET_ACTIONS entry the
 * ticket page uses (same schema, same command), so the two cannot drift apart.
 */
export const API_ACTIONS: Record<string, Translate> = {
  take: same(versionBody),
  resume: same(versionBody),
  close: same(versionBody),
  pending: same(pendingBody),
  resolve: same(resolveBody),
  reopen: same(reopenBody),
  assign: async (m, b) => {
    const { assignee, version } = parse(assignBody, b);
    return { assigneeId: await staffIdByUsername(m, assignee), version };
  },
  escalate: async (m, b) => {
    const { group, ...rest } = parse(escalateBody, b);
    return { ...rest, groupId: await groupIdByName(m, group) };
  },
  classify: async (m, b, id) => {
    const { impact, urgency, category, group, version } = parse(classifyBody, b);
    // fields not sent keep the ticket's values; the version read with them makes a change
    // made meanwhile a 409 instead of being overwritten with what was read
    const t = await m.findOne(Ticket, { where: { id } });
    if (!t) throw notFound("ticket_not_found");
    return {
      impact: impact ?? t.impact,
      urgency: urgency ?? t.urgency,
      categoryId: category === undefined ? t.categoryId ?? "" : category === null ? "" : await categoryIdByName(m, category),
      groupId: group === undefined ? t.groupId ?? "" : await groupIdByName(m, group),
      version: version ?? t.version,
    };
  },
  deescalate: async (m, b) => {
    const { group, ...rest } = parse(deescalateBody, b);
    return { ...rest, groupId: await groupIdByName(m, group) };
  },
  major: same(majorBody),
  parent: async (m, b) => {
    const { parent, version } = parse(parentBody, b);
    // a number that names no incident the caller could mean is the field's error, not a 404 of the URL's ticket
    const parentId = parent === null ? "" : await ticketIdParam(m, parent).catch(() => {
      throw invalid({ parent: "major.fields.no_such_incident" }, "no_such_incident");
    });
    return { parentId, version };
  },
  merge: same(mergeBody),
  related: async (_m, b) => {
    const { ticket, problem } = parse(relatedBody, b);
    // each field takes its own kind of number (the page's one field takes either)
    if (ticket !== undefined && !parseNumber(ticket)) throw invalid({ ticket: "links.errors.bad_number" });
    if (problem !== undefined && !parseProblemNumber(problem)) throw invalid({ problem: "links.errors.bad_problem_number" });
    return { number: ticket ?? problem };
  },
};

/** Names the pages' schemas and commands use for what the API calls by name. */
const PAGE_TO_API_FIELD: Record<string, string> = { assigneeId: "assignee", groupId: "group", categoryId: "category", parentId: "parent" };

/** A command's field errors renamed to the API's field names (assigneeId -> assignee). */
export async function withApiFields<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (!(err instanceof AppError) || !err.fields) throw err;
    const fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [PAGE_TO_API_FIELD[k] ?? k, v]));
    throw new AppError(err.status, err.code, err.messageKey, err.params, fields);
  }
}
