import type { Actor } from "../../../access/actor";
import { isTier } from "../../../access/roles";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { invalid } from "../../../platform/http/errors";
import { translator } from "../../../platform/i18n";
import { linkAssets } from "../../assets";
import { createTicket } from "../../tickets/commands/create-ticket";
import type { Ticket } from "../../tickets/ticket.entity";
import { findGroup } from "../../users/queries/groups";
import { validateAnswers } from "../answers";
import { CatalogRequest } from "../catalog.entity";
import { answersSummary } from "../catalog.presenter";
import { getOrderableItem } from "../queries/catalog";
import { answerContext } from "../queries/pickers";
import { routeNewRequest } from "./route-request";

/** The ticket's description is a text column read everywhere: the summary is kept to the size a typed one may have. */
const DESCRIPTION_MAX = 20000;

export interface CreateRequestOptions {
  channel?: "portal" | "api";
}

/**
 * Order a catalog item: in one transaction, the REQ ticket (for the actor, titled with the
 * item's name, its answers as its description, in the item's group at that group's tier,
 * at the item's priority or the matrix's medium/medium), the request row with the
 * answers, the assets named in its asset fields linked, then the approval or fulfilment
 * routing. Bad answers: 422 with one error per field name, nothing written.
 */
export async function createRequest(
  deps: Deps, actor: Actor, itemId: number, rawAnswers: Record<string, unknown>, opts: CreateRequestOptions = {},
): Promise<{ ticket: Ticket; request: CatalogRequest }> {
  return withTransaction(deps.db, async (tx, afterCommit) => {
    const item = await getOrderableItem(tx, actor, itemId);
    const checked = await validateAnswers(item.fields, rawAnswers, answerContext(tx, actor));
    if (checked.errors) throw invalid(checked.errors);
    const group = item.groupId ? await findGroup(tx, item.groupId) : null;
    const t = translator(actor.locale ?? deps.config.defaultLocale);
    const summary = answersSummary(checked.answers, t);
    const ticket = await createTicket(deps, actor, {
      type: "request", channel: opts.channel ?? "portal", title: item.name,
      description: (summary || item.name).slice(0, DESCRIPTION_MAX), categoryId: null, impact: "medium", urgency: "medium", callbackPhone: null,
    }, [], {
      tx: { manager: tx, afterCommit }, groupId: group?.id, tier: group && isTier(group.tier) ? group.tier : undefined,
      priority: item.slaPriority ?? undefined,
    });
    const now = deps.clock.now();
    const request = tx.create(CatalogRequest, { ticketId: ticket.id, itemId: item.id, answers: checked.answers, approvalState: "none", createdAt: now });
    await tx.insert(CatalogRequest, request);
    await linkAssets(tx, ticket, checked.assetIds, actor.id, now);
    await routeNewRequest(tx, deps, actor, ticket, item, now);
    return { ticket, request };
  });
}
