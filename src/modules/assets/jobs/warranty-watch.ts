import { In } from "typeorm";
import type { Deps } from "../../../platform/deps";
import type { JobDefinition } from "../../../platform/jobs";
import { withTransaction } from "../../../platform/db/transaction";
import { positional, rawQuery } from "../../../platform/db/raw";
import { notify } from "../../notifications/notify";
import { User } from "../../users/user.entity";
import { Asset } from "../asset.entity";
import { localDate } from "../../../platform/http/format";

export const ASSET_WARRANTY_JOB = "asset-warranty";
const BATCH = 500;
/** The digest lists this many assets; past it, the mail says how many more and links to the list. */
export const DIGEST_SHOWN = 200;

interface Due {
  id: number;
  tag: string;
  name: string;
  owner: string | null;
  warrantyEnd: string;
}

/**
 * Assets still in service whose warranty ends between today and `days` ahead (calendar
 * dates in the installation's time zone) and that nobody was warned of for that date:
 * read by id in batches, through the warranty_end index.
 */
async function dueAssets(deps: Deps, today: string, until: string): Promise<Due[]> {
  const out: Due[] = [];
  let after = 0;
  for (;;) {
    const { sql, values } = positional(
      "SELECT a.id, a.tag, a.name, a.warranty_end, u.display_name AS owner FROM assets a LEFT JOIN users u ON u.id = a.owner_id " +
      "WHERE a.warranty_end >= :today AND a.warranty_end <= :until AND a.status <> 'retired' " +
      "AND (a.warranty_warned_for IS NULL OR a.warranty_warned_for <> a.warranty_end) AND a.id > :after " +
      `ORDER BY a.id LIMIT ${BATCH}`, { today, until, after });
    const rows = await rawQuery<{ id: number; tag: string; name: string; warranty_end: string; owner: string | null }>(deps.db, sql, values);
    for (const r of rows) out.push({ id: Number(r.id), tag: r.tag, name: r.name, owner: r.owner, warrantyEnd: r.warranty_end });
    if (rows.length < BATCH) return out;
    after = Number(rows[rows.length - 1].id);
  }
}

/**
 * The warranty watch: one digest to every active admin listing the assets whose warranty
 * ends within the configured days (soonest first), then each asset marked as warned for
 * that date, in the same transaction (a digest written is a warning given; with no active
 * admin to tell, nothing is marked). Idempotent:
 * a second run finds nothing; a warranty date changed since warns again.
 */
export async function runWarrantyWatch(deps: Deps): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const days = deps.config.automation.warrantyWarnDays;
  const tz = deps.config.defaultTimezone;
  const due = await dueAssets(deps, localDate(now, tz), localDate(now, tz, days));
  if (!due.length) return { due: 0, admins: 0 };
  due.sort((a, b) => a.warrantyEnd.localeCompare(b.warrantyEnd) || a.tag.localeCompare(b.tag));
  const admins = (await deps.db.getRepository(User).find({ select: { id: true }, where: { role: "admin", active: true } })).map((u) => u.id);
  let told = 0;
  await withTransaction(deps.db, async (tx) => {
    told = await notify(tx, deps, admins, {
      kind: "asset_warranty",
      params: { count: due.length, days, tags: due.slice(0, 20).map((a) => a.tag).join(", ") + (due.length > 20 ? ", …" : "") },
      mailData: {
        more: Math.max(0, due.length - DIGEST_SHOWN),
        assets: due.slice(0, DIGEST_SHOWN).map((a) => ({ tag: a.tag, name: a.name, owner: a.owner, warrantyEnd: a.warrantyEnd, path: `/assets/${encodeURIComponent(a.tag)}` })),
      },
    });
    // nobody to tell (no active admin yet): the warning waits for the next run
    if (!told) return;
    // marked with the date read: a date changed meanwhile (the WHERE) is warned of at the next run
    const byDate = new Map<string, number[]>();
    for (const a of due) byDate.set(a.warrantyEnd, [...(byDate.get(a.warrantyEnd) ?? []), a.id]);
    for (const [date, ids] of byDate) {
      for (let i = 0; i < ids.length; i += BATCH) {
        await tx.update(Asset, { id: In(ids.slice(i, i + BATCH)), warrantyEnd: date }, { warrantyWarnedFor: date });
      }
    }
  });
  return { due: due.length, admins: told };
}

export function assetWarrantyJob(): JobDefinition {
  return { name: ASSET_WARRANTY_JOB, defaultSchedule: "0 7 * * *", run: async ({ deps }) => ({ counts: await runWarrantyWatch(deps) }) };
}
