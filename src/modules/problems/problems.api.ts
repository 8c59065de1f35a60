import { Router, type Request } from "express";
import { z } from "zod";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { invalid, notFound } from "../../platform/http/errors";
import { parse } from "../../platform/http/validate";
import { categoryIdByName, ticketIdParam } from "../api/api.lookups";
import { bodyOf, send } from "../api/api.routes";
import { Category } from "../tickets/category.entity";
import { User } from "../users/user.entity";
import { createProblem, linkIncident, publishWorkaround, resolveProblem, unlinkIncident } from "./commands/problem-commands";
import { getProblem } from "./queries/problems";
import { formatProblemNumber, parseProblemNumber, type Problem } from "./problem.entity";

const text = (max: number) => z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.too_long");
const createBody = z.strictObject({
  title: text(200), description: text(20000), category: z.string().trim().max(100, "validation.too_long").nullable().optional(),
  affected: z.string().trim().max(200, "validation.too_long").nullable().optional(),
  priority: z.number({ error: "validation.invalid" }).int().min(1, "validation.choice").max(4, "validation.choice").optional(),
  fromIncident: z.string().trim().max(20).optional(),
});
const linkBody = z.strictObject({ ticket: text(20) });
const workaroundBody = z.strictObject({ text: text(20000), notifyRequesters: z.boolean({ error: "validation.invalid" }) });
const resolveBody = z.strictObject({ resolution: text(20000), resolveIncidents: z.boolean({ error: "validation.invalid" }) });

/** "PRB-000042" in the path -> 42; anything else is a 404. */
function problemIdParam(req: Request): number {
  const id = parseProblemNumber(String(req.params.number ?? ""));
  if (!id) throw notFound("problem_not_found");
  return id;
}

/**
 * Problems in JSON API v1 (the same commands as the pages): create, read with the
 * incidents, link and unlink an incident, publish a workaround, resolve.
 */
export function problemApiRoutes(deps: Deps): Router {
  const r = Router();
  const m = () => deps.db.manager;

  async function problemJson(p: Problem, withIncidents: boolean, actorReq: Request) {
    const [category, owner] = await Promise.all([
      p.categoryId ? m().findOne(Category, { where: { id: p.categoryId } }) : null,
      p.ownerId ? m().findOne(User, { where: { id: p.ownerId } }) : null,
    ]);
    const detail = withIncidents ? await getProblem(deps, actorReq.actor!, p.id) : null;
    return {
      number: formatProblemNumber(p.id), title: p.title, description: p.description, status: p.status, priority: `P${p.priority}`,
      category: category?.name ?? null, affected: p.affected, owner: owner?.username ?? null,
      symptoms: p.symptoms, rootCause: p.rootCause, impact: p.impact, workaround: p.workaround, permanentFix: p.permanentFix,
      resolution: p.resolution, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
      knownErrorAt: p.knownErrorAt?.toISOString() ?? null, resolvedAt: p.resolvedAt?.toISOString() ?? null,
      ...(detail ? { incidents: detail.incidents.map((i) => ({ number: i.number, status: i.status })) } : {}),
    };
  }

  route(r, "post", "/problems", "staff", async (req, res) => {
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

  route(r, "get", "/problems/:number", "staff", async (req, res) => {
    const detail = await getProblem(deps, req.actor!, problemIdParam(req));
    send(res, 200, await problemJson(detail.problem, true, req));
  });

  route(r, "post", "/problems/:number/incidents", "staff", async (req, res) => {
    const { ticket } = parse(linkBody, bodyOf(req));
    const p = await linkIncident(deps, req.actor!, problemIdParam(req), await ticketIdParam(m(), ticket));
    send(res, 200, await problemJson(p, true, req));
  });

  route(r, "delete", "/problems/:number/incidents/:ticket", "staff", async (req, res) => {
    const p = await unlinkIncident(deps, req.actor!, problemIdParam(req), await ticketIdParam(m(), req.params.ticket));
    send(res, 200, await problemJson(p, true, req));
  });

  route(r, "post", "/problems/:number/workaround", "staff", async (req, res) => {
    const b = parse(workaroundBody, bodyOf(req));
    const { problem } = await publishWorkaround(deps, req.actor!, problemIdParam(req), b);
    send(res, 200, await problemJson(problem, true, req));
  });

  route(r, "post", "/problems/:number/resolve", "staff", async (req, res) => {
    const b = parse(resolveBody, bodyOf(req));
    const { problem } = await resolveProblem(deps, req.actor!, problemIdParam(req), b);
    send(res, 200, await problemJson(problem, true, req));
  });
  return r;
}
