import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { invalid, type FieldErrors } from "../../../platform/http/errors";
import { Category } from "../../tickets/category.entity";
import { SupportGroup } from "../../users/group.entity";
import { User } from "../../users/user.entity";
import type { Problem, ProblemStatus } from "../problem.entity";
import { actionTo, assertMove } from "../problem-states";
import { eligibleOwner } from "../queries/owners";
import { history, loadProblem, type HistoryRow } from "./problem-commands";
import { assertProblemVersion, writeProblem } from "./problem-version";

/** The editable fields of a problem; a key left out is left as it is. */
export interface UpdateProblemInput {
  /** The version the editor saw; a different current version is a 409. */
  version?: number;
  title?: string;
  description?: string;
  categoryId?: number | null;
  affected?: string | null;
  priority?: number;
  groupId?: number | null;
  ownerId?: number | null;
  symptoms?: string | null;
  rootCause?: string | null;
  impact?: string | null;
  permanentFix?: string | null;
}

type Editable = Exclude<keyof UpdateProblemInput, "version">;
/** Free text whose whole new value goes in the history row's note (the from/to columns keep 200 characters). */
const LONG: readonly Editable[] = ["description", "symptoms", "rootCause", "impact", "permanentFix"];
const ORDER: readonly Editable[] = ["title", "description", "categoryId", "affected", "priority", "groupId", "ownerId", "symptoms", "rootCause", "impact", "permanentFix"];
/** The name a history row gives a field (categoryId is "category": the row holds names, not ids). */
const FIELD_NAME: Partial<Record<Editable, string>> = { categoryId: "category", groupId: "group" };

/** How a value reads in the timeline: names for ids, "P2" for a priority. */
async function shown(tx: EntityManager, key: Editable, v: unknown): Promise<string | null> {
  if (v == null || v === "") return null;
  if (key === "categoryId") return (await tx.findOne(Category, { where: { id: Number(v) } }))?.name ?? String(v);
  if (key === "groupId") return (await tx.findOne(SupportGroup, { where: { id: Number(v) } }))?.name ?? String(v);
  if (key === "ownerId") return (await tx.findOne(User, { where: { id: Number(v) } }))?.displayName ?? String(v);
  if (key === "priority") return `P${String(v)}`;
  return String(v);
}

async function check(tx: EntityManager, input: UpdateProblemInput): Promise<void> {
  const fields: FieldErrors = {};
  if (input.title !== undefined && !input.title.trim()) fields.title = "validation.required";
  if (input.description !== undefined && !input.description.trim()) fields.description = "validation.required";
  if (input.categoryId && !(await tx.findOne(Category, { where: { id: input.categoryId } }))) fields.categoryId = "validation.choice";
  if (input.groupId) {
    const g = await tx.findOne(SupportGroup, { where: { id: input.groupId } });
    if (!g || g.tier < 2) fields.groupId = "validation.group_wrong_tier";
  }
  if (input.ownerId && !(await eligibleOwner(tx, input.ownerId))) fields.ownerId = "problems.errors.owner_not_eligible";
  if (Object.keys(fields).length) throw invalid(fields);
}

/**
 * Edit a problem's record and analysis: specialists only, not once closed, on the version
 * the editor saw. One history row per changed field ("owner" for the owner, "field" with
 * the field's name for the others), in the same transaction. Nothing changed: nothing written.
 */
export async function updateProblem(deps: Deps, actor: Actor, problemId: number, input: UpdateProblemInput): Promise<Problem> {
  return withTransaction(deps.db, async (tx) => {
    const p = await loadProblem(tx, actor, problemId, "edit");
    assertMove("edit", p.status);
    await assertProblemVersion(tx, p, input.version);
    await check(tx, input);
    const now = deps.clock.now();
    const patch: Partial<Record<Editable, unknown>> = {};
    const rows: HistoryRow[] = [];
    for (const key of ORDER) {
      let v: unknown = input[key];
      if (v === undefined) continue;
      if (typeof v === "string") v = key === "title" || key === "description" ? v.trim() : v.trim() || null;
      if ((v ?? null) === (p[key] ?? null)) continue;
      patch[key] = v;
      const [from, to] = await Promise.all([shown(tx, key, p[key]), shown(tx, key, v)]);
      rows.push(key === "ownerId" ? { kind: "owner", from, to }
        : { kind: "field", field: FIELD_NAME[key] ?? key, from, to, note: LONG.includes(key) ? (v as string | null) : null });
    }
    if (!rows.length) return p;
    const saved = await writeProblem(tx, p, patch as Partial<Problem>, now);
    await history(tx, p.id, actor, now, rows);
    return saved;
  });
}

/**
 * Move a problem to a status a person can ask for by name: start investigating (new),
 * close or reopen (resolved). The other statuses have their own command (a workaround
 * makes a known error, a resolution resolves); anything else is a 409.
 */
export async function changeProblemStatus(deps: Deps, actor: Actor, problemId: number, input: { status: ProblemStatus; version?: number }): Promise<Problem> {
  return withTransaction(deps.db, async (tx) => {
    const p = await loadProblem(tx, actor, problemId, "edit");
    const action = actionTo(p.status, input.status);
    await assertProblemVersion(tx, p, input.version);
    const now = deps.clock.now();
    const before = p.status;
    const patch: Partial<Problem> = { status: input.status };
    if (action === "close") patch.closedAt = now;
    // reopened: the fix did not hold, so the resolution goes (the timeline keeps it)
    if (action === "reopen") Object.assign(patch, { resolvedAt: null, resolution: null });
    const saved = await writeProblem(tx, p, patch, now);
    await history(tx, p.id, actor, now, [{ kind: "status", from: before, to: input.status }]);
    return saved;
  });
}
