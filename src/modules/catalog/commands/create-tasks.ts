import type { EntityManager } from "typeorm";
import type { Deps } from "../../../platform/deps";
import { translator } from "../../../platform/i18n";
import { Ticket } from "../../tickets/ticket.entity";
import { formatNumber } from "../../tickets/ticket.types";
import { insertNewTicket } from "../../tickets/commands/create-ticket";
import { insertHistory } from "../../tickets/workflow";
import { User } from "../../users/user.entity";
import type { SupportGroup } from "../../users/group.entity";
import { findGroup, groupsAtTier } from "../../users/queries/groups";
import { CatalogRequest, CatalogTask, type CatalogItem } from "../catalog.entity";
import { answersSummary } from "../catalog.presenter";

const TITLE_MAX = 200;
const DESCRIPTION_MAX = 20000;

/** The task's group; one deleted since the item was defined falls back to the request's group, then to the first N1 group. */
async function taskGroup(tx: EntityManager, groupId: number, request: Ticket): Promise<SupportGroup | null> {
  return (await findGroup(tx, groupId)) ?? (request.groupId ? await findGroup(tx, request.groupId) : null) ?? (await groupsAtTier(tx, 1))[0] ?? null;
}

/**
 * Fulfilment starts: one child ticket per task of the item, in the caller's transaction.
 * Each is a request of the same requester and priority, in the task's group at that
 * group's tier, titled "<task> (REQ-000124)", described with the request's answers (in
 * the desk's default language), its SLA clock started and waiting untaken in its group's
 * queue (the unassigned watch tells the group). The requester is not told of each task:
 * they follow the request, which shows the tasks' progress. History on both sides.
 * The caller moves the request itself on (it is worked through its tasks).
 */
export async function createTasks(tx: EntityManager, deps: Deps, request: Ticket, item: CatalogItem, now: Date): Promise<Ticket[]> {
  if (!item.tasks.length) return [];
  const number = formatNumber(request.type, request.id);
  const [row, requester] = await Promise.all([
    tx.findOne(CatalogRequest, { where: { ticketId: request.id } }),
    tx.findOne(User, { where: { id: request.requesterId } }),
  ]);
  const t = translator(deps.config.defaultLocale);
  const head = t("approvals.task.description", { number, title: request.title, item: item.name, requester: requester?.displayName ?? "?" });
  const summary = row ? answersSummary(row.answers, t) : "";
  const description = (summary ? `${head}\n\n${summary}` : head).slice(0, DESCRIPTION_MAX);
  const suffix = ` (${number})`;
  const created: Ticket[] = [];
  for (const [position, def] of item.tasks.entries()) {
    const group = await taskGroup(tx, def.groupId, request);
    const task = await insertNewTicket(tx, deps, {
      type: "request", channel: request.channel, requesterId: request.requesterId, title: `${def.title.slice(0, TITLE_MAX - suffix.length)}${suffix}`,
      description, categoryId: request.categoryId, impact: request.impact, urgency: request.urgency, priority: request.priority,
      tier: group?.tier ?? 1, groupId: group?.id ?? null, callbackPhone: null, updatedById: null,
    }, now);
    await tx.insert(CatalogTask, { taskTicketId: task.id, requestTicketId: request.id, position, title: def.title.slice(0, TITLE_MAX) });
    await insertHistory(tx, task.id, null, [{ kind: "created", to: "new" }, { kind: "task", from: number, to: null }], now);
    created.push(task);
  }
  await insertHistory(tx, request.id, null, created.map((task) => ({ kind: "task" as const, from: null, to: formatNumber(task.type, task.id) })), now);
  return created;
}
