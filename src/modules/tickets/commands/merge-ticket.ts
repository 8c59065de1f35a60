import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { txQuery } from "../../../platform/db/raw";
import { AppError, conflict, invalid } from "../../../platform/http/errors";
import { translator } from "../../../platform/i18n";
import { Ticket } from "../ticket.entity";
import { TicketWatcher, type WatchReason } from "../link.entity";
import { formatNumber } from "../ticket.types";
import { assertVersion, loadForAction, saveChange } from "../workflow";
import { tellAbout } from "./run";
import type { MergeInput } from "../link.schemas";

/** The ticket to merge into: one the actor works, or the same 404 whether it does not exist or they may not see it. */
async function loadTarget(tx: EntityManager, actor: Actor, into: MergeInput["into"]): Promise<Ticket> {
  const number = into.prefix ? `${into.prefix}-${String(into.id).padStart(6, "0")}` : String(into.id);
  const missing = new AppError(404, "ticket_not_found", "links.errors.target_not_found", { number });
  const target = await loadForAction(tx, actor, into.id, "classify").catch((err: unknown) => {
    throw err instanceof AppError && err.status === 404 ? missing : err;
  });
  if (into.prefix && formatNumber(target.type, target.id).slice(0, 3) !== into.prefix) throw missing;
  return target;
}

/** Followers of `to`: who is not already one, nor its requester. */
async function addWatchers(tx: EntityManager, to: Ticket, people: { userId: number; reason: WatchReason }[], now: Date): Promise<void> {
  const already = new Set((await tx.find(TicketWatcher, { where: { ticketId: to.id } })).map((w) => w.userId));
  already.add(to.requesterId);
  const rows = people.filter((p) => !already.has(p.userId) && (already.add(p.userId), true));
  if (rows.length) await tx.insert(TicketWatcher, rows.map((p) => ({ ticketId: to.id, userId: p.userId, reason: p.reason, createdAt: now })));
}

/**
 * Merge a duplicate into another ticket of the same type. Nothing is copied: the duplicate
 * is closed ("duplicate", pointing at the target) and the target's page reads it in place.
 * Its requester is told and follows the target, and so do the duplicate's own followers.
 * Duplicates merged into it earlier now point at the target (one level, one query to read).
 * Refusals: itself (422), another type (422), a closed, merged or major duplicate (409), a
 * closed or merged target (409); both tickets must be ones the actor works (404/403).
 */
export function mergeTicket(deps: Deps, actor: Actor, sourceId: number, input: MergeInput): Promise<Ticket> {
  return withTransaction(deps.db, async (tx, afterCommit) => {
    const source = await loadForAction(tx, actor, sourceId, "classify");
    await assertVersion(tx, source, input.version);
    if (input.into.id === source.id) throw invalid({ into: "links.errors.merge_self" }, "merge_self");
    if (source.mergedIntoId) throw conflict("already_merged", "links.errors.merged", { into: formatNumber(source.type, source.mergedIntoId) });
    if (source.status === "closed") throw conflict("source_closed", "links.errors.source_closed");
    if (source.major) throw conflict("merge_major", "links.errors.merge_major");
    const target = await loadTarget(tx, actor, input.into);
    const into = formatNumber(target.type, target.id);
    if (target.mergedIntoId) {
      throw conflict("target_merged", "links.errors.target_merged", { into, target: formatNumber(target.type, target.mergedIntoId) });
    }
    if (target.status === "closed") throw conflict("target_closed", "links.errors.target_closed", { into });
    if (target.type !== source.type) throw invalid({ into: "links.errors.merge_type" }, "merge_type");

    const now = deps.clock.now();
    const number = formatNumber(source.type, source.id);
    const resolution = translator(deps.config.defaultLocale)("links.resolution", { into });
    const saved = await saveChange(tx, source, actor, now, {
      status: "closed", resolutionCode: "duplicate", resolution, resolvedAt: source.resolvedAt ?? now, closedAt: now,
      pendingReason: null, mergedIntoId: target.id,
    }, [{ kind: "merged", from: source.status, to: into }]);
    await saveChange(tx, target, actor, now, {}, [{ kind: "merged_in", from: number, to: into }]);
    await txQuery(tx, "UPDATE tickets SET merged_into_id = ?, version = version + 1 WHERE merged_into_id = ?", [target.id, source.id]);

    const followers = await tx.find(TicketWatcher, { where: { ticketId: source.id } });
    await addWatchers(tx, target, [{ userId: source.requesterId, reason: "merged" }, ...followers.map((w) => ({ userId: w.userId, reason: w.reason }))], now);
    if (followers.length) await tx.delete(TicketWatcher, { ticketId: source.id });
    await tellAbout(tx, deps, actor, saved, [{
      kind: "ticket_merged", to: [source.requesterId], params: { into },
      mailData: { intoTitle: target.publicTitle ?? target.title, intoPath: `/tickets/${into}` },
    }]);
    afterCommit(() => {
      deps.bus.emit("ticket.changed", { ticketId: source.id, action: "merge", actorId: actor.id });
      deps.bus.emit("ticket.changed", { ticketId: target.id, action: "merged_in", actorId: actor.id });
    });
    return saved;
  });
}
