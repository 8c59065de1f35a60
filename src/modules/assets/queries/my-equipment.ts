import { authorizeAsset } from "../../../access/policies/asset.policy";
import { Not } from "typeorm";
import type { Actor } from "../../../access/actor";
import { ticketScope } from "../../../access/scopes";
import type { Deps } from "../../../platform/deps";
import { positional, placeholders, rawQuery } from "../../../platform/db/raw";
import { formatNumber, OPEN_STATUSES, type TicketStatus, type TicketType } from "../../tickets/ticket.types";
import { Asset } from "../asset.entity";

/** More than anyone is given: the page stays bounded whatever an import did. */
const MY_EQUIPMENT_MAX = 200;

export interface MyDevice {
  asset: Asset;
  /** The open tickets about it that the person may read, newest first. */
  openTickets: { number: string; title: string; status: TicketStatus }[];
}

/**
 * The portal's "My equipment": what the signed-in person owns (a retired device has been
 * handed back: not listed), each with the open tickets about it they may read.
 */
export async function myEquipment(deps: Deps, actor: Actor): Promise<MyDevice[]> {
  authorizeAsset(actor, "read");
  const assets = await deps.db.manager.find(Asset, {
    where: { ownerId: actor.id, status: Not("retired") }, order: { tag: "ASC" }, take: MY_EQUIPMENT_MAX,
  });
  if (!assets.length) return [];
  const scope = ticketScope(actor, "t");
  const ids = assets.map((a) => a.id);
  const { sql, values } = positional(
    `SELECT ta.asset_id, t.id, t.type, t.title, t.status FROM ticket_assets ta JOIN tickets t ON t.id = ta.ticket_id ` +
    `WHERE ta.asset_id IN (${placeholders(ids.length)}) AND t.status IN (${placeholders(OPEN_STATUSES.length)})` +
    `${scope ? ` AND ${scope.sql}` : ""} ORDER BY t.id DESC`,
    scope?.params ?? {},
  );
  // the IN lists' "?" come first in the statement, the scope's named parameters after them
  const rows = await rawQuery<{ asset_id: number; id: number; type: TicketType; title: string; status: TicketStatus }>(
    deps.db, sql, [...ids, ...OPEN_STATUSES, ...values],
  );
  return assets.map((asset) => ({
    asset,
    openTickets: rows.filter((r) => Number(r.asset_id) === asset.id)
      .map((r) => ({ number: formatNumber(r.type, Number(r.id)), title: r.title, status: r.status })),
  }));
}
