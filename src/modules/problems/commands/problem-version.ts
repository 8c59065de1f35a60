import type { EntityManager } from "typeorm";
import { conflict } from "../../../platform/http/errors";
import { User } from "../../users/user.entity";
import { Problem, ProblemHistory } from "../problem.entity";

/** A change made on a stale page: 409 naming who last changed the problem. */
export async function assertProblemVersion(tx: EntityManager, p: Problem, expected: number | undefined): Promise<void> {
  if (expected === undefined || expected === p.version) return;
  const last = await tx.findOne(ProblemHistory, { where: { problemId: p.id }, order: { id: "DESC" } });
  const who = last?.actorId ? await tx.findOne(User, { where: { id: last.actorId } }) : null;
  throw conflict("problem_changed", "problems.errors.changed", { name: who?.displayName ?? "?" });
}

/**
 * Write the patch only if nobody changed the problem since it was read (version + 1): two
 * commands racing on the same version, the second gets the 409 and its transaction rolls back.
 */
export async function writeProblem(tx: EntityManager, p: Problem, patch: Partial<Problem>, now: Date): Promise<Problem> {
  const set = { ...patch, updatedAt: now, version: p.version + 1 };
  const res = await tx.createQueryBuilder().update(Problem).set(set).where("id = :id AND version = :v", { id: p.id, v: p.version }).execute();
  if (res.affected === 0) await assertProblemVersion(tx, await tx.findOneOrFail(Problem, { where: { id: p.id } }), p.version);
  return Object.assign(p, set);
}
