import type { DataSource } from "typeorm";
import type { Actor } from "../../access/actor";
import { SYSTEM_ACTOR } from "../../access/policies/admin.policy";
import type { Deps } from "../../platform/deps";
import { Asset, AssetType, createAsset, findAssetByTag, type CreateAssetInput } from "../assets";
import { CatalogApproval, CatalogCategory, CatalogItem, CatalogRequest, CatalogTask, createCatalogCategory, createItem, createRequest, itemSchema } from "../catalog";
import { decideApproval } from "../catalog/commands/decide-approval";
import { handOverAsset } from "../catalog/commands/hand-over-asset";
import { Category } from "../tickets/category.entity";
import { addComment } from "../tickets/commands/add-comment";
import { closeTicket } from "../tickets/commands/close-ticket";
import { createTicket } from "../tickets/commands/create-ticket";
import { resolveTicket } from "../tickets/commands/resolve-ticket";
import { takeTicket } from "../tickets/commands/take-ticket";
import { updateUser } from "../users/commands/update-user";
import { GroupMember, SupportGroup } from "../users/group.entity";
import { User } from "../users/user.entity";
import { createGroup } from "./commands/create-group";
import {
  CATALOG_CATEGORIES, CATALOG_ITEMS, FACILITIES_GROUP, FLAKY_LAPTOP_OWNER, LAPTOP_INCIDENTS, LAPTOPS, MAC, MAC_DEPARTMENTS, MANAGERS, MONITOR,
  NO_MONITOR, PHONE_OWNERS, PHONES, PRINTERS, STOCK, STOCK_LAPTOP, WARRANTY_EXPIRED, WARRANTY_SOON, type DemoItem, type Model,
} from "./demo-catalog-data";
import { EMPLOYEES, STAFF } from "./demo-data";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Something to run at a moment of the demo's past, among the replayed tickets. */
export interface DemoEvent {
  at: number;
  run: () => Promise<unknown>;
}

export interface CatalogDemo {
  /** The catalog requests and the failing laptop's incidents; empty when the catalog was already there. */
  timeline: DemoEvent[];
  /** The devices a replayed ticket of this person is about (their laptop for a laptop problem). */
  devicesFor(username: string, title: string): string[];
}

/** The Facilities group activates badges (an arrival's third task). Made before the people, so its agent can join it. */
export async function ensureFacilitiesGroup(deps: Deps): Promise<void> {
  const exists = await deps.db.getRepository(SupportGroup).createQueryBuilder("g")
    .where("LOWER(g.name) = :name", { name: FACILITIES_GROUP.toLowerCase() }).getExists();
  if (!exists) await createGroup(deps, SYSTEM_ACTOR, { name: FACILITIES_GROUP, tier: 1, email: null });
}

/** Who reports to whom, through the admin's command; a manager someone already has (an admin's choice) is kept. */
async function setManagers(deps: Deps, actors: Map<string, Actor>): Promise<void> {
  for (const [username, manager] of Object.entries(MANAGERS)) {
    const who = actors.get(username);
    if (!who || !actors.has(manager)) continue;
    const user = await deps.db.getRepository(User).findOneByOrFail({ id: who.id });
    if (user.managerId !== null) continue;
    const groupIds = (await deps.db.getRepository(GroupMember).findBy({ userId: user.id })).map((m) => m.groupId);
    await updateUser(deps, SYSTEM_ACTOR, user.id, {
      displayName: user.displayName, email: user.email, phone: user.phone, department: user.department, location: user.location,
      locale: user.locale, vip: user.vip, role: user.role, active: user.active, groupIds, manager,
    });
  }
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The whole inventory, derived from the people: same tags, models, serials and dates on every install (dates relative to now). */
export function inventory(now: number): CreateAssetInput[] {
  const specs: CreateAssetInput[] = [];
  const counters: Record<string, number> = {};
  const add = (prefix: string, type: string, key: string, m: Model, years: number, rest: Partial<CreateAssetInput> & { name?: string }, tag?: string) => {
    const n = (counters[prefix] = (counters[prefix] ?? 0) + 1);
    const i = specs.length;
    // warranty ending in 4 months or more, bought at least 3 months ago (before the demo's first day), unless the data says otherwise
    const span = years * 365 - 120 - 90;
    const left = WARRANTY_SOON[key] ?? WARRANTY_EXPIRED[key] ?? (rest.status === "in_stock" ? years * 365 - 75 : 120 + ((i * 97) % span));
    const end = new Date(now + left * DAY);
    const bought = new Date(end);
    bought.setUTCFullYear(end.getUTCFullYear() - years);
    specs.push({
      tag: tag ?? `${prefix}-${String(n).padStart(5, "0")}`, type, name: rest.name ?? m.model, manufacturer: m.manufacturer, model: m.model,
      serial: `${m.manufacturer.slice(0, 2).toUpperCase()}${((i + 1) * 7919 + 104729).toString(36).toUpperCase().padStart(7, "0")}`,
      purchaseDate: isoDay(bought.getTime()), warrantyEnd: isoDay(end.getTime()), ...rest,
    });
  };
  const people = [...EMPLOYEES, ...STAFF];
  people.forEach((p, i) => add("PC", "laptop", `laptop:${p.username}`, MAC_DEPARTMENTS.includes(p.department) ? MAC : LAPTOPS[i % LAPTOPS.length], 3,
    { owner: p.username, location: p.location, department: p.department }));
  for (let i = 0; i < STOCK.laptops; i++) add("PC", "laptop", "stock", STOCK_LAPTOP, 3, { status: "in_stock", location: STOCK.location, department: "IT", notes: "IT storeroom." });
  people.filter((p) => !NO_MONITOR.includes(p.username)).forEach((p) => add("MON", "monitor", `monitor:${p.username}`, MONITOR, 3,
    { owner: p.username, location: p.location, department: p.department }));
  for (let i = 0; i < STOCK.monitors; i++) add("MON", "monitor", "stock", MONITOR, 3, { status: "in_stock", location: STOCK.location, department: "IT", notes: "IT storeroom." });
  people.filter((p) => PHONE_OWNERS.includes(p.username)).forEach((p, i) => add("TEL", "phone", `phone:${p.username}`, PHONES[i % PHONES.length], 2,
    { owner: p.username, location: p.location, department: p.department }));
  for (const p of PRINTERS) add("PRN", "printer", p.tag, p.model, 3, { name: p.name, status: "in_use", location: p.location }, p.tag);
  return specs;
}

/** Each asset through createAsset (its history says "created"), skipping a tag that exists: a second run adds nothing. */
async function createInventory(deps: Deps, now: number): Promise<void> {
  for (const spec of inventory(now)) {
    if (!(await findAssetByTag(deps.db.manager, spec.tag))) await createAsset(deps, SYSTEM_ACTOR, spec);
  }
}

type ItemKey = DemoItem["key"];

/** The categories and the five items, by the admin's commands; nothing when the admin already has a catalog. */
async function createCatalog(deps: Deps, actors: Map<string, Actor>): Promise<Map<ItemKey, CatalogItem> | null> {
  const m = deps.db.manager;
  if (await m.count(CatalogItem)) return null;
  const groups = new Map((await m.find(SupportGroup)).map((g) => [g.name, g.id] as const));
  const categories = new Map((await m.find(CatalogCategory)).map((c) => [c.name.toLowerCase(), c.id] as const));
  for (const c of CATALOG_CATEGORIES) {
    if (!categories.has(c.name.toLowerCase())) categories.set(c.name.toLowerCase(), (await createCatalogCategory(deps, SYSTEM_ACTOR, c)).id);
  }
  const types = new Map((await m.find(AssetType)).map((t) => [t.code, t.id] as const));
  const items = new Map<ItemKey, CatalogItem>();
  for (const { key, category, group, approver, tasks, fulfilType, ...rest } of CATALOG_ITEMS) {
    // through the same schema as the admin's form and the API: the demo's items are valid by their definition
    const input = itemSchema.parse({
      ...rest, categoryId: categories.get(category.toLowerCase()), groupId: groups.get(group),
      approverId: approver ? actors.get(approver)?.id : undefined, fulfilAssetTypeId: fulfilType ? types.get(fulfilType) : undefined,
      tasks: (tasks ?? []).map((t) => ({ title: t.title, groupId: groups.get(t.group) })),
    });
    items.set(key, await createItem(deps, SYSTEM_ACTOR, input));
  }
  return items;
}

/**
 * The demo's equipment and catalog, at the start of the replay (the inventory and the
 * catalog were there before the tickets): Facilities aside (ensureFacilitiesGroup), the
 * managers, the assets, the catalog, and the stories to weave into the replayed tickets
 * (requests in every state, a laptop that failed three times this month).
 */
export async function prepareCatalogDemo(deps: Deps, actors: Map<string, Actor>, now: number): Promise<CatalogDemo> {
  await setManagers(deps, actors);
  await createInventory(deps, now);
  // a laptop is named on a ticket only while it is still its owner's (the portal's rule)
  const laptops = new Map<string, string>();
  for (const spec of inventory(now).filter((s) => s.type === "laptop" && s.owner)) {
    const asset = await findAssetByTag(deps.db.manager, spec.tag);
    const owner = actors.get(spec.owner ?? "");
    if (asset && owner && asset.ownerId === owner.id) laptops.set(owner.username, asset.tag);
  }
  const items = await createCatalog(deps, actors);
  const hardware = await deps.db.manager.findOne(Category, { where: { name: "Hardware" } });
  return {
    timeline: items ? stories(deps, actors, items, laptops, hardware?.id ?? null, now) : [],
    devicesFor: (username, title) => (LAPTOP_INCIDENTS.has(title) && laptops.has(username) ? [laptops.get(username) as string] : []),
  };
}

function stories(d: Deps, actors: Map<string, Actor>, items: Map<ItemKey, CatalogItem>, laptops: Map<string, string>, hardwareId: number | null, now: number): DemoEvent[] {
  const events: DemoEvent[] = [];
  const midnight = Math.floor(now / DAY) * DAY;
  /** Midnight (UTC) of the day `n` working days before today (after it when n < 0): the stories happen on weekdays. */
  const workday = (n: number) => {
    let t = midnight;
    for (let left = Math.abs(n); left > 0;) {
      t -= Math.sign(n) * DAY;
      if (new Date(t).getUTCDay() % 6 !== 0) left--;
    }
    return t;
  };
  /** At `hour` (UTC, office hours) of the working day `daysAgo` back (>= 1): always before now, in the order of the arguments. */
  const step = (daysAgo: number, hour: number, run: () => Promise<unknown>) => events.push({ at: workday(daysAgo) + hour * HOUR, run });
  const a = (username: string) => actors.get(username) as Actor;
  const repo = <T extends object>(e: new () => T) => d.db.getRepository(e);
  const order = async (who: string, key: ItemKey, answers: Record<string, unknown>) => (await createRequest(d, a(who), (items.get(key) as CatalogItem).id, answers)).ticket.id;
  const decide = async (who: string, ticketId: number, decision: "approve" | "reject", via: "portal" | "email", reason?: string) => {
    const approval = await repo(CatalogApproval).findOneByOrFail({ ticketId, state: "pending" });
    return decideApproval(d, a(who), approval.id, { decision, via, reason });
  };
  const taskIds = async (requestId: number) =>
    (await repo(CatalogTask).find({ where: { requestTicketId: requestId }, order: { position: "ASC" } })).map((t) => t.taskTicketId);
  const note = (who: string, id: number, body: string) => addComment(d, a(who), id, { body, internal: true, files: [] });
  const resolve = (who: string, id: number, resolution: string) => resolveTicket(d, a(who), id, { resolution, code: "fixed" });

  // a laptop refresh: approved from the email's link, fulfilled with a laptop from stock, closed by its requester
  let refresh = 0;
  step(9, 9, async () => (refresh = await order("priya.sharma", "laptop", {
    model: "Standard 14\" laptop", needed_by: isoDay(workday(2)), docking: true,
    justification: "My laptop is five years old: the battery lasts less than an hour and it struggles with the new budgeting tool.",
  })));
  step(9, 14, () => decide("claire.martin", refresh, "approve", "email"));
  step(8, 8, () => takeTicket(d, a("julie.petit"), refresh));
  step(7, 10, async () => {
    const laptopType = await repo(AssetType).findOneByOrFail({ code: "laptop" });
    const stock = await repo(Asset).findOneOrFail({ where: { typeId: laptopType.id, status: "in_stock" }, order: { tag: "ASC" } });
    return handOverAsset(d, a("julie.petit"), refresh, stock.id);
  });
  step(7, 11, () => resolve("julie.petit", refresh, "New laptop prepared with your files and sent by courier with a docking station. Please send the old one back in the same box."));
  step(5, 9, () => closeTicket(d, a("priya.sharma"), refresh));

  // an application access the IT manager refuses, with the reason
  let access = 0;
  step(4, 10, async () => (access = await order("emma.thompson", "access", {
    application: "Payroll", access_level: "Administrator", reason: "I need to check the marketing team's overtime before the budget review.",
  })));
  step(4, 16, () => decide("isabelle.mercier", access, "reject", "portal",
    "Payroll administrator access is for the payroll team only. Amélie Laurent's team can send you the overtime report."));

  // a new employee: approved by the requester's manager, one task of three done, one being worked, the badge still to do
  let arrival = 0;
  step(3, 9, async () => (arrival = await order("amelie.laurent", "arrival", {
    new_hire_name: "Léa Rousseau", start_date: isoDay(workday(-7)), manager: "karim.benali", department: "Operations", needs_laptop: true,
  })));
  step(3, 13, () => decide("olivier.lefebvre", arrival, "approve", "portal"));
  step(2, 10, async () => takeTicket(d, a("julie.petit"), (await taskIds(arrival))[0]));
  step(2, 15, async () => resolve("julie.petit", (await taskIds(arrival))[0], "Laptop imaged, labelled for Léa Rousseau and kept at the IT desk until her first day."));
  step(1, 10, async () => takeTicket(d, a("antoine.roux"), (await taskIds(arrival))[1]));
  step(1, 10.5, async () => note("antoine.roux", (await taskIds(arrival))[1], "Windows account and mailbox created; the CRM profile waits for a free licence."));

  // waiting for the manager's approval
  const device = laptops.get("lucas.moreau");
  if (device) {
    step(1, 15, () => order("lucas.moreau", "software", {
      software: "Microsoft Visio 2021", licence: true, device, purpose: "Drawing the process maps of the new warehouse project.",
    }));
  }

  // the laptop that keeps failing: three incidents this month name it, then its owner asks for a replacement
  const flaky = laptops.get(FLAKY_LAPTOP_OWNER);
  if (!flaky) return events;
  const incident = (title: string, description: string) => createTicket(d, a(FLAKY_LAPTOP_OWNER), {
    type: "incident", title, description, categoryId: hardwareId, impact: "medium", urgency: "high", callbackPhone: null, channel: "portal", assets: [flaky],
  }).then((t) => t.id);
  const ids: number[] = [];
  step(15, 10, async () => ids.push(await incident("Laptop freezes and restarts on its own", "My laptop froze twice during a customer demo this morning and restarted by itself.")));
  step(15, 11, () => takeTicket(d, a("julie.petit"), ids[0]));
  step(15, 15, () => resolve("julie.petit", ids[0], "BIOS and chipset drivers updated; no freeze during an hour of tests."));
  step(13, 9, () => closeTicket(d, a(FLAKY_LAPTOP_OWNER), ids[0]));
  step(7, 14, async () => ids.push(await incident("Laptop restarted again during a call", "It restarted in the middle of a video call and I lost the quote I was writing.")));
  step(7, 15, () => takeTicket(d, a("mehdi.haddad"), ids[1]));
  step(6, 9, () => resolve("mehdi.haddad", ids[1], "Memory test passed and power settings reset to the company's defaults. Tell us if it happens again: we will swap the laptop."));
  step(2, 8, async () => ids.push(await incident("Laptop froze again while presenting", "Third time this month: it froze and restarted while I was presenting to a client.")));
  step(2, 9, () => takeTicket(d, a("julie.petit"), ids[2]));
  step(2, 9.5, () => note("julie.petit", ids[2], `Third incident on ${flaky} this month (see the asset's page). Lending a spare; the laptop should be replaced.`));
  step(1, 11, () => order(FLAKY_LAPTOP_OWNER, "repair", {
    device: flaky, problem: "It freezes and restarts several times a week, even after the two repairs this month. I travel a lot and need a laptop I can trust.",
  }));
  return events;
}

/** What the demo holds, for the installer's summary. */
export async function catalogDemoCounts(db: DataSource): Promise<{ assets: number; catalogItems: number; catalogRequests: number }> {
  const [assets, catalogItems, catalogRequests] = await Promise.all([db.getRepository(Asset).count(), db.getRepository(CatalogItem).count(), db.getRepository(CatalogRequest).count()]);
  return { assets, catalogItems, catalogRequests };
}
