import { prng } from "./prng";
import type { Row, Sink } from "./sinks";

/** One asset per this many employees... plus the stock: about 100,000 assets for 20,000 employees. */
const ASSETS_PER_EMPLOYEE = 5;
const BATCH = 2_000;
/** The incidents that name an asset (the laptop that will not start): one in ten. */
const LINKED_SHARE = 0.1;

const ASSET_COLUMNS = [
  "id", "tag", "name", "type_id", "manufacturer", "model", "serial", "status", "owner_id", "location", "department",
  "purchase_date", "warranty_end", "notes", "warranty_warned_for", "version", "created_by_id", "created_at", "updated_at",
] as const;
const HISTORY_COLUMNS = ["asset_id", "actor_id", "kind", "field", "from_value", "to_value", "ticket_id", "note", "created_at"] as const;

const MODELS: Record<string, [string, string][]> = {
  laptop: [["Lenovo", "ThinkPad T14 Gen 4"], ["Dell", "Latitude 7440"], ["HP", "EliteBook 840 G10"], ["Apple", "MacBook Air 13 M2"]],
  desktop: [["Dell", "OptiPlex 7010"], ["HP", "ProDesk 400 G9"]],
  monitor: [["Dell", "P2422H"], ["LG", "27UP850"], ["Samsung", "S27A600"]],
  phone: [["Apple", "iPhone 14"], ["Samsung", "Galaxy A54"]],
  printer: [["HP", "LaserJet M507"], ["Brother", "MFC-L8900"]],
  peripheral: [["Logitech", "MX Keys"], ["Jabra", "Evolve2 65"]],
};
const PREFIX: Record<string, string> = { laptop: "PC", desktop: "WS", monitor: "MON", phone: "PH", printer: "PRN", peripheral: "PER" };

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The inventory of the bench: laptops, monitors, phones ... owned by employees (a few in
 * stock or in repair), a warranty spread around today, and one incident in ten linked
 * to its requester's first asset. Deterministic for a seed.
 */
export async function seedAssets(
  sink: Sink, o: { seed: number; now: number; employees: { first: number; count: number }; typeIds: Map<string, number>; incidents: { id: number; requesterId: number }[] },
): Promise<{ assets: number; links: number }> {
  const rng = prng(o.seed ^ 0xa55e7);
  const kinds = Object.keys(MODELS).filter((k) => o.typeIds.has(k));
  const total = o.employees.count * ASSETS_PER_EMPLOYEE;
  const firstAssetOf = new Map<number, number>();
  const DAY = 24 * 3600_000;
  await sink.begin();
  for (let from = 1; from <= total; from += BATCH) {
    const rows: Row[] = [];
    const history: Row[] = [];
    for (let id = from; id < Math.min(from + BATCH, total + 1); id++) {
      const kind = id % ASSETS_PER_EMPLOYEE === 1 ? "laptop" : rng.pick(kinds);
      const [maker, model] = rng.pick(MODELS[kind]);
      const status = rng.weighted([["in_use", 90], ["in_stock", 6], ["in_repair", 2], ["retired", 2]] as const);
      const owner = status === "in_use" || status === "in_repair" ? o.employees.first + ((id - 1) % o.employees.count) : null;
      if (owner !== null && kind === "laptop" && !firstAssetOf.has(owner)) firstAssetOf.set(owner, id);
      const bought = o.now - rng.int(30, 1500) * DAY;
      const created = bought + DAY;
      rows.push([id, `${PREFIX[kind]}-${String(id).padStart(6, "0")}`, `${maker} ${model}`, o.typeIds.get(kind) ?? null, maker, model,
        `SN${(id * 7919).toString(36).toUpperCase()}`, status, owner, rng.pick(["Paris HQ", "Lyon", "Nantes", "Lille", "Remote"]), null,
        day(bought), day(bought + 3 * 365 * DAY), null, null, 1, 1, created, created]);
      history.push([id, 1, "created", null, null, status, null, null, created]);
    }
    await sink.insert("assets", ASSET_COLUMNS, rows);
    await sink.insert("asset_history", HISTORY_COLUMNS, history);
  }
  let links = 0;
  const linkRows: Row[] = [];
  for (const t of o.incidents) {
    const asset = firstAssetOf.get(t.requesterId);
    if (asset === undefined || !rng.chance(LINKED_SHARE)) continue;
    linkRows.push([t.id, asset, 1, o.now]);
    links++;
    if (linkRows.length >= BATCH) await sink.insert("ticket_assets", ["ticket_id", "asset_id", "linked_by_id", "created_at"], linkRows.splice(0));
  }
  if (linkRows.length) await sink.insert("ticket_assets", ["ticket_id", "asset_id", "linked_by_id", "created_at"], linkRows);
  await sink.commit();
  return { assets: total, links };
}
