import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { invalid } from "../../../platform/http/errors";
import { User } from "../../users/user.entity";
import { findGroup } from "../../users/queries/groups";
import { Category } from "../category.entity";
import { computePriority } from "../priority";
import { getPriorityMatrix } from "../queries/priority-matrix";
import type { Level } from "../ticket.types";
import type { HistoryInput } from "../workflow";
import { runTicketCommand } from "./run";

export interface ClassifyInput {
  impact: Level;
  urgency: Level;
  categoryId: number | null;
  groupId: number | null;
  version?: number;
}

/**
 * Impact, urgency (priority recomputed by the matrix), category and group (within the
 * ticket's tier). One history row per field that changed.
 */
export function classifyTicket(deps: Deps, actor: Actor, ticketId: number, input: ClassifyInput) {
  return runTicketCommand(deps, actor, ticketId, "classify", "classify", input.version, async (tx, t) => {
    if (input.categoryId !== null && !(await tx.findOne(Category, { where: { id: input.categoryId } }))) {
      throw invalid({ categoryId: "validation.choice" });
    }
    const groupId = input.groupId ?? t.groupId;
    if (groupId !== t.groupId) {
      const g = groupId ? await findGroup(tx, groupId) : null;
      if (!g || g.tier !== t.tier) throw invalid({ groupId: "validation.group_wrong_tier" });
    }
    const requester = await tx.findOneOrFail(User, { where: { id: t.requesterId } });
    const priority = computePriority(await getPriorityMatrix(tx), input.impact, input.urgency, requester.vip);
    const history: HistoryInput[] = [];
    const patch = { impact: input.impact, urgency: input.urgency, priority, categoryId: input.categoryId, groupId };
    if (t.impact !== input.impact) history.push({ kind: "impact", from: t.impact, to: input.impact });
    if (t.urgency !== input.urgency) history.push({ kind: "urgency", from: t.urgency, to: input.urgency });
    if (t.priority !== priority) history.push({ kind: "priority", from: t.priority, to: priority });
    if (t.categoryId !== input.categoryId) history.push({ kind: "category", from: t.categoryId, to: input.categoryId });
    if (t.groupId !== groupId) {
      history.push({ kind: "group", from: t.groupId, to: groupId });
      // the assignee belongs to the old group's work; the new group takes it from its queue
      if (t.assigneeId) history.push({ kind: "assigned", from: t.assigneeId, to: null });
    }
    return { patch: t.groupId !== groupId ? { ...patch, assigneeId: null } : patch, history };
  });
}
