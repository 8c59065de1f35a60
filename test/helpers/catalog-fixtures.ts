import type { Deps } from "../../src/platform/deps";
import type { Actor } from "../../src/access/actor";
import { SYSTEM_ACTOR } from "../../src/access/policies/admin.policy";
import { createItem, createRequest, CatalogApproval, CatalogRequest, CatalogTask } from "../../src/modules/catalog";
import { itemSchema } from "../../src/modules/catalog/catalog.schemas";
import type { CatalogItem } from "../../src/modules/catalog/catalog.entity";
import { Asset, AssetType } from "../../src/modules/assets";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { User } from "../../src/modules/users/user.entity";
import { groupId, N1, N2, N3 } from "../factories";

/**
 * The service catalog for the approval and fulfilment tests: items made with the catalog's
 * own command, requests ordered with createRequest, equipment as plain rows.
 */
export async function makeItem(deps: Deps, over: Record<string, unknown> = {}): Promise<CatalogItem> {
  const input = itemSchema.parse({
    name: "New laptop", description: "A laptop prepared for you.", icon: "laptop", groupId: await groupId(deps, N1),
    fields: [{ name: "model", label: "Model", type: "choice", required: true, options: ["ThinkPad", "MacBook"] }, { name: "notes", label: "Notes", type: "text" }],
    ...over,
  });
  return createItem(deps, SYSTEM_ACTOR, input);
}

/** The new-employee arrival: three tasks for three groups. */
export async function arrivalTasks(deps: Deps) {
  return [
    { title: "Prepare the laptop", groupId: await groupId(deps, N1) },
    { title: "Create the accounts", groupId: await groupId(deps, N2) },
    { title: "Activate the badge", groupId: await groupId(deps, N3) },
  ];
}

export async function order(deps: Deps, who: Actor, item: CatalogItem, answers: Record<string, unknown> = { model: "ThinkPad" }): Promise<Ticket> {
  return (await createRequest(deps, who, item.id, answers)).ticket;
}

export const setManager = (deps: Deps, user: Actor, manager: Actor | null) =>
  deps.db.getRepository(User).update({ id: user.id }, { managerId: manager?.id ?? null });

export const ticketOf = (deps: Deps, id: number) => deps.db.getRepository(Ticket).findOneByOrFail({ id });
export const requestRow = (deps: Deps, id: number) => deps.db.getRepository(CatalogRequest).findOneByOrFail({ ticketId: id });
export const approvalOf = (deps: Deps, ticketId: number) => deps.db.getRepository(CatalogApproval).findOneByOrFail({ ticketId });

/** The task tickets of a request, in their order. */
export async function tasksOf(deps: Deps, requestId: number): Promise<Ticket[]> {
  const links = await deps.db.getRepository(CatalogTask).find({ where: { requestTicketId: requestId }, order: { position: "ASC" } });
  return Promise.all(links.map((l) => ticketOf(deps, l.taskTicketId)));
}

/** An asset row of a built-in type (laptop, monitor ...). */
export async function makeAsset(deps: Deps, tag: string, type = "laptop", over: Partial<Asset> = {}): Promise<Asset> {
  const t = await deps.db.getRepository(AssetType).findOneByOrFail({ code: type });
  const now = deps.clock.now();
  return deps.db.getRepository(Asset).save({
    tag, name: `${type} ${tag}`, typeId: t.id, manufacturer: "Lenovo", model: "T14", serial: null, status: "in_stock", ownerId: null,
    location: "Lyon", department: null, purchaseDate: null, warrantyEnd: null, notes: null, warrantyWarnedFor: null, version: 1,
    createdById: null, createdAt: now, updatedAt: now, ...over,
  });
}

export const assetTypeId = async (deps: Deps, code: string) => (await deps.db.getRepository(AssetType).findOneByOrFail({ code })).id;
