import { In, type EntityManager } from "typeorm";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { Ticket } from "../../tickets/ticket.entity";
import { OPEN_STATUSES } from "../../tickets/ticket.types";
import { slaFields } from "../engine";
import { loadPolicies } from "../policies";
import { SlaSegment } from "../sla.entity";
import type { ClockSegment } from "../sla-clock";

const BATCH = 500;

/**
 * After a policy or calendar change: replay the clock of every open ticket of the
 * priorities concerned with the new targets (their paused time is kept: it is in the
 * segments). A system recalculation, so the tickets' version is left alone. In batches
 * by id, each in its own transaction.
 */
export async function recomputeOpenTickets(deps: Deps, priorities: number[]): Promise<number> {
  if (!priorities.length) return 0;
  const policies = await loadPolicies(deps.db.manager);
  const now = deps.clock.now();
  let after = 0;
  let done = 0;
  for (;;) {
    const batch = await deps.db.getRepository(Ticket).createQueryBuilder("t")
      .where("t.status IN (:...open)", { open: OPEN_STATUSES }).andWhere("t.priority IN (:...priorities)", { priorities })
      .andWhere("t.id > :after", { after }).orderBy("t.id", "ASC").limit(BATCH).getMany();
    if (!batch.length) return done;
    await withTransaction(deps.db, async (tx: EntityManager) => {
      const segments = await tx.find(SlaSegment, { where: { ticketId: In(batch.map((t) => t.id)) }, order: { at: "ASC", id: "ASC" } });
      const byTicket = new Map<number, ClockSegment[]>();
      for (const s of segments) byTicket.set(s.ticketId, [...(byTicket.get(s.ticketId) ?? []), { kind: s.kind, at: s.at, reason: s.reason }]);
      for (const t of batch) {
        const policy = policies.get(t.priority);
        if (!policy) continue;
        // a ticket changed meanwhile has been replayed by that change
        await tx.update(Ticket, { id: t.id, version: t.version }, slaFields(policy, byTicket.get(t.id) ?? [], t, now));
        done++;
      }
    });
    after = batch[batch.length - 1].id;
  }
}
