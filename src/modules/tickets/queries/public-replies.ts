/**
 * THE definition of a "public staff reply" (what a follower of a ticket reads, and what a
 * major incident's banner shows as its latest update): a comment that is not an internal
 * note, written by staff (an agent or a supervisor), and not by the ticket's own requester
 * (a technician's messages on a ticket they raised for themselves are a requester's words).
 * It is what the desk said to the requester, and so what tellWatchers tells of.
 *
 * A SQL fragment over an alias of ticket_comments and an expression of the ticket's
 * requester id (a column of a joined tickets row, or a bound "?"); the author's role is
 * looked up by primary key, so the caller joins nothing for it.
 *   `... FROM ticket_comments c JOIN tickets t ON t.id = c.ticket_id WHERE ${publicReplySql("c", "t.requester_id")}`
 */
export function publicReplySql(comment: string, requesterId: string): string {
  return `${comment}.internal = FALSE AND ${comment}.author_id <> ${requesterId} AND EXISTS ` +
    `(SELECT 1 FROM users pr_u WHERE pr_u.id = ${comment}.author_id AND pr_u.role IN ('agent', 'supervisor'))`;
}
