import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { conflict, invalid } from "../../../platform/http/errors";
import { translator } from "../../../platform/i18n";
import { Ticket } from "../ticket.entity";
import { TicketWatcher } from "../link.entity";
import { formatNumber } from "../ticket.types";
import { assertVersion, loadForAction, saveChange } from "../workflow";
import { tellAbout, type TicketNotice } from "./run";
import { resolveTicketRef } from "../queries/ticket-ref";
import type { MergeInput } from "../link.schemas";

/**
 * The requesters of the duplicates follow `to` (reason 'merged'): who is not already one,
 * nor its requester. `to` is never a major incident (refused: its "affected" followers reach
 * only its public page, and a 'merged' row there would let them read the ticket itself).
 */
async function addFollowers(tx: EntityManager, to: Ticket, userIds: number[], now: Date): Promise<void> {
  const already = new Set((await tx.find(TicketWatcher, { where: { ticketId: to.id } })).map((w) => w.userId));
  const fresh = [...new Set(userIds)].filter((id) => id !== to.requesterId && !already.has(id));
  if (fresh.length) await tx.insert(TicketWatcher, fresh.map((userId) => ({ ticketId: to.id, userId, reason: "merged" as const, createdAt: now })));
}

/**
 * Merge a duplicate into another ticket of the same type. Nothing is copied: the duplicate
 * is closed ("duplicate", pointing at the target) and the target's page reads it in place.
 * Its requester is told and follows the target, and so do the duplicate's own followers
 * (the requesters of duplicates merged into it earlier). Those duplicates now point at the
 * target (one level, one query to read), each through saveChange with its own "merged"
 * history row. Each person hears of it once (ticket_merged), of their own ticket.
 * Refusals: itself (422), another type (422), a closed, merged or major duplicate (409), a
 * closed, merged or major target (409 merge_into_major: an incident joins a major incident
 * as a child, see modules/major attach); the duplicate must be one the actor works (404/403), the
 * target one they read (404) and work (403).
 */
export function mergeTicket(deps: Deps, actor: Actor, sourceId: number, input: MergeInput): Promise<Ticket> {
  return withTransaction(deps.db, async (tx, afterCommit) => {
    const source = await loadForAction(tx, actor, sourceId, "classify");
    await assertVersion(tx, source, input.version);
    if (input.into.id === source.id) throw invalid({ into: "links.errors.merge_self" }, "merge_self");
    if (source.mergedIntoId) throw conflict("already_merged", "links.errors.merged", { into: formatNumber(source.type, source.mergedIntoId) });
    if (source.status === "closed") throw conflict("source_closed", "links.errors.source_closed");
    if (source.major) throw conflict("merge_major", "links.errors.merge_major");
    const target = await resolveTicketRef(tx, actor, input.into, "classify");
    const into = formatNumber(target.type, target.id);
    if (target.mergedIntoId) {
      throw conflict("target_merged", "links.errors.target_merged", { into, target: formatNumber(target.type, target.mergedIntoId) });
    }
    if (target.status === "closed") throw conflict("target_closed", "links.errors.target_closed", { into });
    if (target.type !== source.type) throw invalid({ into: "links.errors.merge_type" }, "merge_type");
    if (target.major) throw conflict("merge_into_major", "links.errors.merge_into_major", { into });

    const now = deps.clock.now();
    const number = formatNumber(source.type, source.id);
    const resolution = translator(deps.config.defaultLocale)("links.resolution", { into });
    const saved = await saveChange(tx, source, actor, now, {
      status: "closed", resolutionCode: "duplicate", resolution, resolvedAt: source.resolvedAt ?? now, closedAt: now,
      pendingReason: null, mergedIntoId: target.id,
    }, [{ kind: "merged", from: source.status, to: into }], { deps });
    await saveChange(tx, target, actor, now, {}, [{ kind: "merged_in", from: number, to: into }]);
    const earlier = await tx.find(Ticket, { where: { mergedIntoId: source.id }, order: { id: "ASC" } });
    for (const d of earlier) await saveChange(tx, d, actor, now, { mergedIntoId: target.id }, [{ kind: "merged", from: number, to: into }]);

    const followers = (await tx.find(TicketWatcher, { where: { ticketId: source.id, reason: "merged" } })).map((w) => w.userId);
    await addFollowers(tx, target, [source.requesterId, ...followers], now);
    if (followers.length) await tx.delete(TicketWatcher, { ticketId: source.id, reason: "merged" });
    const told = (to: number[]): TicketNotice[] => [{
      kind: "ticket_merged", to, params: { into }, mailData: { intoTitle: target.publicTitle ?? target.title, intoPath: `/tickets/${into}` },
    }];
    await tellAbout(tx, deps, actor, saved, told([source.requesterId]));
    // a follower once, of their own earlier duplicate if one is theirs (their row on this one is gone), else of this one
    const done = new Set([actor.id, source.requesterId]);
    for (const d of earlier) {
      if (!followers.includes(d.requesterId) || done.has(d.requesterId)) continue;
      done.add(d.requesterId);
      await tellAbout(tx, deps, actor, d, told([d.requesterId]));
    }
    const rest = followers.filter((id) => !done.has(id));
    if (rest.length) await tellAbout(tx, deps, actor, saved, told(rest));
    afterCommit(() => {
      for (const t of [source, ...earlier]) deps.bus.emit("ticket.changed", { ticketId: t.id, action: "merge", actorId: actor.id });
      deps.bus.emit("ticket.changed", { ticketId: target.id, action: "merged_in", actorId: actor.id });
    });
    return saved;
  });
}
