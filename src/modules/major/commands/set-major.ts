import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { Ticket } from "../../tickets/ticket.entity";
import { TicketWatcher } from "../../tickets/link.entity";
import { formatNumber } from "../../tickets/ticket.types";
import { assertTransition, assertVersion, loadForAction, saveChange } from "../../tickets/workflow";
import type { MajorInput } from "../major.schemas";
import { incidentNumber, loadParent, refuse, shownTitle } from "../rules";

/**
 * Mark an incident as a major incident (or change the public title employees see), or
 * unmark it. Staff who may classify the ticket, an open incident only. Unmarking is
 * refused (409 has_children) while incidents are attached: they are detached one by one
 * first, so no child is left pointing at an ordinary ticket and nobody loses the link by
 * a slip of the mouse. The people who said they were affected stop following it: what
 * they followed was the outage, not this ticket (which they cannot read), and a ticket
 * marked again later is a new outage they may join again. Marking turns the followers a
 * merge made ('merged', who read the ticket) into 'affected' ones (the public page only):
 * its requester's replies from before the marking stay theirs, and nothing is merged into
 * a major incident afterwards (merge_into_major).
 * History "major": from / to are the title employees saw and see (null = not major).
 */
export function setMajor(deps: Deps, actor: Actor, ticketId: number, input: MajorInput): Promise<Ticket> {
  return withTransaction(deps.db, async (tx, afterCommit) => {
    const t = await loadForAction(tx, actor, ticketId, "classify");
    await assertVersion(tx, t, input.version);
    assertTransition(t, "classify");
    if (t.type !== "incident") throw refuse(422, "not_incident", { number: formatNumber(t.type, t.id) }, "major");
    const before = t.major ? shownTitle(t) : null;
    let patch: Partial<Ticket>;
    if (input.major) {
      if (t.parentId) throw refuse(409, "is_child", { number: incidentNumber(t.parentId) });
      const publicTitle = input.publicTitle === undefined ? t.publicTitle : input.publicTitle || null;
      if (t.major && publicTitle === t.publicTitle) return t;
      // the requesters of duplicates merged into it read it (reason 'merged'); a major
      // incident's people reach only its public page, so from now on they are 'affected'
      if (!t.major) await tx.update(TicketWatcher, { ticketId: t.id, reason: "merged" }, { reason: "affected" });
      patch = { major: true, publicTitle };
    } else {
      if (!t.major) return t;
      // locked before counting, so no child is attached between the count and the update (rules.ts loadParent)
      await loadParent(tx, t.id);
      const children = await tx.count(Ticket, { where: { parentId: t.id } });
      if (children) throw refuse(409, "has_children", { count: children });
      await tx.delete(TicketWatcher, { ticketId: t.id, reason: "affected" });
      patch = { major: false, publicTitle: null };
    }
    const after = patch.major ? shownTitle({ title: t.title, publicTitle: patch.publicTitle ?? null }) : null;
    const saved = await saveChange(tx, t, actor, deps.clock.now(), patch, [{ kind: "major", from: before, to: after }]);
    afterCommit(() => deps.bus.emit("ticket.changed", { ticketId, action: "major", actorId: actor.id }));
    return saved;
  });
}
