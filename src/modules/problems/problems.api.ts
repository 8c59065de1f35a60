import { Router, type Request } from "express";
import { In, type EntityManager } from "typeorm";
import { z } from "zod";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError, invalid, notFound } from "../../platform/http/errors";
import { parse } from "../../platform/http/validate";
import { categoryIdByName, ticketIdParam } from "../api/api.lookups";
import { bodyOf, send } from "../api/api.routes";
import { Category } from "../tickets/category.entity";
import { SupportGroup } from "../users/group.entity";
import { User } from "../users/user.entity";
import { createProblem, linkIncident, publishWorkaround, resolveProblem, unlinkIncident } from "./commands/problem-commands";
import { changeProblemStatus, updateProblem, type UpdateProblemInput } from "./commands/update-problem";
import { getProblem } from "./queries/problems";
import { formatProblemNumber, parseProblemNumber, PROBLEM_STATUSES, type Problem } from "./problem.entity";
import { problemReaders } from "./problem-readers";
import { authorizeProblem } from "../../access/policies/problem.policy";

const text = (max: number) => z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.too_long");
const createBody = z.strictObject({
  title: text(200), description: text(20000), category: z.string().trim().max(100, "validation.too_long").nullable().optional(),
  affected: z.string().trim().max(200, "validation.too_long").nullable().optional(),
  priority: z.number({ error: "validation.invalid" }).int().min(1, "validation.choice").max(4, "validation.choice").optional(),
  fromIncident: z.string().trim().max(20).optional(),
});
const linkBody = z.strictObject({ ticket: text(20) });
const version = z.number({ error: "validation.invalid" }).int().positive("validation.invalid").optional();
const workaroundBody = z.strictObject({ text: text(20000), notifyRequesters: z.boolean({ error: "validation.invalid" }), version });
const resolveBody = z.strictObject({ resolution: text(20000), resolveIncidents: z.boolean({ error: "validation.invalid" }), version });
const clearable = (max: number) => z.string({ error: "validation.invalid" }).trim().max(max, "validation.too_long").nullable().optional();
/** PATCH: the editable fields, each optional; null (or "") clears an optional one. Names for the category, group and owner. */
const patchBody = z.strictObject({
  version, title: text(200).optional(), description: text(20000).optional(), category: clearable(100), affected: clearable(200),
  priority: z.number({ error: "validation.invalid" }).int().min(1, "validation.choice").max(4, "validation.choice").optional(),
  group: clearable(100), owner: clearable(100), symptoms: clearable(20000), rootCause: clearable(20000), impact: clearable(20000),
  permanentFix: clearable(20000),
});
const statusBody = z.strictObject({ status: z.enum(PROBLEM_STATUSES, { error: "validation.choice" }), version });

/** A name to an id for PATCH: undefined left as is, null or "" cleared, an unknown name a 422 on the API's field. */
async function idByName(m: EntityManager, field: "category" | "group" | "owner", name: string | null | undefined): Promise<number | null | undefined> {
  if (name === undefined) return undefined;
  if (name === null || name === "") return null;
  if (field === "category") return (await categoryIdByName(m, name))!;
  if (field === "group") {
    const g = await m.findOne(SupportGroup, { select: { id: true }, where: { name } });
    if (!g) throw invalid({ group: "validation.choice" });
    return g.id;
  }
  // a local and a directory account may share a username: the API cannot tell which is meant
  const people = await m.find(User, { select: { id: true }, where: { username: name, active: true, role: In(["agent", "supervisor"]) } });
  if (people.length !== 1) throw invalid({ owner: "problems.errors.owner_not_eligible" });
  return people[0].id;
}

/** The command's field names back to the API's (categoryId -> category) in a 422. */
function apiFields(err: unknown): never {
  if (err instanceof AppError && err.status === 422 && err.fields) {
    const names: Record<string, string> = { categoryId: "category", groupId: "group", ownerId: "owner" };
    throw new AppError(422, err.code, err.messageKey, err.params, Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [names[k] ?? k, v])));
  }
  throw err;
}

/** "PRB-000042" in the path -> 42; anything else is a 404. */
function problemIdParam(req: Request): number {
  const id = parseProblemNumber(String(req.params.number ?? ""));
  if (!id) throw notFound("problem_not_found");
  return id;
}

/**
 * Problems in JSON API v1 (the same commands as the pages): create, read with the
 * incidents and the analysis, edit (PATCH), change the status, link and unlink an
 * incident, publish a workaround, resolve.
 */
export function problemApiRoutes(deps: Deps): Router {
  const r = Router();
  const m = () => deps.db.manager;

  async function problemJson(p: Problem, withIncidents: boolean, actorReq: Request) {
    const [category, owner, group] = await Promise.all([
      p.categoryId ? m().findOne(Category, { where: { id: p.categoryId } }) : null,
      p.ownerId ? m().findOne(User, { where: { id: p.ownerId } }) : null,
      p.groupId ? m().findOne(SupportGroup, { where: { id: p.groupId } }) : null,
    ]);
    const detail = withIncidents ? await getProblem(deps, actorReq.actor!, p.id) : null;
    return {
      number: formatProblemNumber(p.id), title: p.title, description: p.description, status: p.status, priority: `P${p.priority}`,
      category: category?.name ?? null, affected: p.affected, owner: owner?.username ?? null, ownerName: owner?.displayName ?? null,
      group: group?.name ?? null, version: p.version,
      symptoms: p.symptoms, rootCause: p.rootCause, impact: p.impact, workaround: p.workaround, permanentFix: p.permanentFix,
      resolution: p.resolution, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
      knownErrorAt: p.knownErrorAt?.toISOString() ?? null, resolvedAt: p.resolvedAt?.toISOString() ?? null, closedAt: p.closedAt?.toISOString() ?? null,
      ...(detail ? { incidents: detail.incidents.map((i) => ({ number: i.number, status: i.status })) } : {}),
    };
  }

  route(r, "post", "/problems", "user", problemReaders, async (req, res) => {
    const b = parse(createBody, bodyOf(req));
    const fromIncidentId = b.fromIncident ? await ticketIdParam(m(), b.fromIncident).catch(() => {
      throw invalid({ fromIncident: "validation.invalid" });
    }) : null;
    const p = await createProblem(deps, req.actor!, {
      title: b.title, description: b.description, categoryId: await categoryIdByName(m(), b.category), affected: b.affected ?? null,
      priority: b.priority ?? null, fromIncidentId,
    });
    send(res, 201, await problemJson(p, true, req));
  });

  route(r, "get", "/problems/:number", "user", problemReaders, async (req, res) => {
    const detail = await getProblem(deps, req.actor!, problemIdParam(req));
    send(res, 200, await problemJson(detail.problem, true, req));
  });

  route(r, "post", "/problems/:number/incidents", "user", problemReaders, async (req, res) => {
    const { ticket } = parse(linkBody, bodyOf(req));
    const p = await linkIncident(deps, req.actor!, problemIdParam(req), await ticketIdParam(m(), ticket));
    send(res, 200, await problemJson(p, true, req));
  });

  route(r, "delete", "/problems/:number/incidents/:ticket", "user", problemReaders, async (req, res) => {
    const p = await unlinkIncident(deps, req.actor!, problemIdParam(req), await ticketIdParam(m(), req.params.ticket));
    send(res, 200, await problemJson(p, true, req));
  });

  route(r, "post", "/problems/:number/workaround", "user", problemReaders, async (req, res) => {
    const b = parse(workaroundBody, bodyOf(req));
    const { problem } = await publishWorkaround(deps, req.actor!, problemIdParam(req), b);
    send(res, 200, await problemJson(problem, true, req));
  });

  route(r, "post", "/problems/:number/resolve", "user", problemReaders, async (req, res) => {
    const b = parse(resolveBody, bodyOf(req));
    const { problem } = await resolveProblem(deps, req.actor!, problemIdParam(req), b);
    send(res, 200, await problemJson(problem, true, req));
  });

  route(r, "patch", "/problems/:number", "user", problemReaders, async (req, res) => {
    const id = problemIdParam(req);
    // a technician who may not edit hears so before any name in the body is looked up
    authorizeProblem(req.actor!, "edit");
    const b = parse(patchBody, bodyOf(req));
    const input: UpdateProblemInput = {
      version: b.version, title: b.title, description: b.description, affected: b.affected, priority: b.priority,
      symptoms: b.symptoms, rootCause: b.rootCause, impact: b.impact, permanentFix: b.permanentFix,
      categoryId: await idByName(m(), "category", b.category), groupId: await idByName(m(), "group", b.group), ownerId: await idByName(m(), "owner", b.owner),
    };
    const p = await updateProblem(deps, req.actor!, id, input).catch(apiFields);
    send(res, 200, await problemJson(p, true, req));
  });

  route(r, "post", "/problems/:number/status", "user", problemReaders, async (req, res) => {
    authorizeProblem(req.actor!, "edit");
    const b = parse(statusBody, bodyOf(req));
    const p = await changeProblemStatus(deps, req.actor!, problemIdParam(req), b);
    send(res, 200, await problemJson(p, true, req));
  });
  return r;
}
