import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import type { StoredUpload } from "../../../platform/uploads/stored-file";
import { withTransaction } from "../../../platform/db/transaction";
import { TicketComment } from "../comment.entity";
import { insertAttachments } from "../attachments";
import { assertTransition, assertVersion, loadForAction, saveChange, type HistoryInput } from "../workflow";
import { tellAbout, ticketWorkers } from "./run";
import { tellWatchers } from "./link-tickets";
import { shareMajorUpdate } from "../../major";
import type { Ticket } from "../ticket.entity";

export interface CommentInput {
  body: string;
  internal: boolean;
  version?: number;
  files: StoredUpload[];
}

/**
 * A public reply or an internal note, explicitly one or the other. A requester's reply
 * on a ticket pending on them puts it back to open.
 */
export function addComment(deps: Deps, actor: Actor, ticketId: number, input: CommentInput): Promise<{ ticket: Ticket; comment: TicketComment }> {
  return withTransaction(deps.db, async (tx, afterCommit) => {
    const t = await loadForAction(tx, actor, ticketId, input.internal ? "note" : "reply");
    await assertVersion(tx, t, input.version);
    assertTransition(t, input.internal ? "note" : "reply");
    const now = deps.clock.now();
    const comment = await tx.save(tx.create(TicketComment, {
      ticketId, authorId: actor.id, body: input.body, internal: input.internal, createdAt: now,
    }));
    await insertAttachments(tx, ticketId, comment.id, input.files, actor.id, now);
    if (input.internal) {
      // a note changes nothing the requester acts on: the ticket and its version stay as
      // they are, so a requester's "close" on the page they have is not refused for it
      afterCommit(() => deps.bus.emit("ticket.changed", { ticketId, action: "note", actorId: actor.id }));
      return { ticket: t, comment };
    }
    const patch: Partial<Ticket> = { lastPublicActivityAt: now };
    const history: HistoryInput[] = [];
    if (!input.internal && t.requesterId === actor.id && t.status === "pending" && t.pendingReason === "requester") {
      Object.assign(patch, { status: "open", pendingReason: null });
      history.push({ kind: "resumed", from: "requester", to: "open" });
    }
    const ticket = await saveChange(tx, t, actor, now, patch, history, { publicResponse: true });
    // the requester's reply reaches whoever works the ticket; anyone else's reaches the requester
    const to = actor.id === t.requesterId ? await ticketWorkers(tx, ticket) : [t.requesterId];
    await tellAbout(tx, deps, actor, ticket, [{ kind: "ticket_reply", to, params: { name: actor.displayName }, mailData: { body: input.body } }]);
    await tellWatchers(tx, deps, actor, ticket, { kind: "ticket_reply", params: { name: actor.displayName }, mailData: { body: input.body } });
    await shareMajorUpdate(tx, deps, actor, ticket, input.body, now);
    afterCommit(() => deps.bus.emit("ticket.changed", { ticketId, action: "reply", actorId: actor.id }));
    return { ticket, comment };
  });
}
