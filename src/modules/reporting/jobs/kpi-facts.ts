import crypto from "node:crypto";
import type { Deps } from "../../../platform/deps";
import type { JobDefinition } from "../../../platform/jobs";
import type { DataSource } from "typeorm";
import { withTransaction } from "../../../platform/db/transaction";
import { placeholders, rawEntities, rawQuery, txQuery } from "../../../platform/db/raw";
import { toDate } from "../../../platform/db/columns";
import { loadPolicies } from "../../sla/policies";
import type { ClockSegment, SegmentKind } from "../../sla/sla-clock";
import { Ticket } from "../../tickets/ticket.entity";
import { ReportWatermark, TicketKpiFacts } from "../reporting.entity";
import { computeFacts, hasFacts, type FactsHistory } from "../facts";
import { splitBy } from "../aggregate";

export const KPI_FACTS_JOB = "kpi-facts";
const BATCH = 500;
/**
 * Tickets changed this long before the last run's start are read again: a change whose
 * transaction began before that run read the tickets but committed after it carries an
 * earlier updated_at. Recomputing a row is idempotent.
 */
export const OVERLAP_MS = 2 * 60_000;

/** The ids of the tickets to (re)compute: every ticket on the first run, else those changed since the watermark. */
async function changedIds(deps: Deps, since: Date | null, after: number): Promise<number[]> {
  const rows = since
    ? await rawQuery<{ id: number }>(deps.db, `SELECT id FROM tickets WHERE updated_at >= ? AND id > ? ORDER BY id LIMIT ${BATCH}`, [since.getTime(), after])
    : await rawQuery<{ id: number }>(deps.db, `SELECT id FROM tickets WHERE status IN ('resolved', 'closed') AND merged_into_id IS NULL AND id > ? ORDER BY id LIMIT ${BATCH}`, [after]);
  return rows.map((r) => Number(r.id));
}

/**
 * One multi-row INSERT of the facts, the values converted by the driver exactly as the
 * ORM's insert converts them (instants to epoch ms, booleans to 1/0 on SQLite). Hand-written
 * because the ORM's insert of a 500-row batch spends most of a backfill naming and
 * escaping its 11,500 parameters; this statement is prepared once and only bound after.
 */
function factsInsert(db: DataSource, facts: TicketKpiFacts[]): { sql: string; values: unknown[] } {
  const meta = db.getMetadata(TicketKpiFacts);
  const values: unknown[] = [];
  for (const f of facts) for (const c of meta.columns) values.push(db.driver.preparePersistentValue(c.getEntityValue(f), c));
  const row = `(${placeholders(meta.columns.length)})`;
  return {
    sql: `INSERT INTO ticket_kpi_facts (${meta.columns.map((c) => `"${c.databaseName}"`).join(", ")}) VALUES ${facts.map(() => row).join(", ")}`,
    values,
  };
}

/** One batch: the facts of the resolved or closed tickets among `ids` written, those of the others removed. */
async function refreshBatch(deps: Deps, ids: number[], policies: Awaited<ReturnType<typeof loadPolicies>>): Promise<{ written: number; removed: number }> {
  const inList = placeholders(ids.length);
  const tickets = (await rawEntities(deps.db, Ticket, `id IN (${inList})`, ids)).filter(hasFacts);
  const done = tickets.map((t) => t.id);
  const facts: TicketKpiFacts[] = [];
  if (done.length) {
    const list = placeholders(done.length);
    const [history, segments, solved] = await Promise.all([
      rawQuery<{ ticket_id: number; kind: string; actor_id: number | null; from_value: string | null; to_value: string | null; reason: string | null; created_at: number }>(deps.db,
        `SELECT ticket_id, kind, actor_id, from_value, to_value, reason, created_at FROM ticket_history WHERE ticket_id IN (${list}) ` +
        "AND kind IN ('taken', 'assigned', 'escalated', 'deescalated', 'resolved', 'reopened') ORDER BY ticket_id, id", done),
      rawQuery<{ ticket_id: number; kind: SegmentKind; at: number }>(deps.db,
        `SELECT ticket_id, kind, at FROM ticket_sla_segments WHERE ticket_id IN (${list}) ORDER BY ticket_id, at, id`, done),
      rawQuery<{ ticket_id: number }>(deps.db, `SELECT DISTINCT ticket_id FROM ticket_kb_links WHERE solved = TRUE AND ticket_id IN (${list})`, done),
    ]);
    const historyOf = splitBy(history, (r) => Number(r.ticket_id)), segmentsOf = splitBy(segments, (r) => Number(r.ticket_id));
    const solvedIds = new Set(solved.map((r) => Number(r.ticket_id)));
    const now = deps.clock.now();
    for (const t of tickets) {
      const h: FactsHistory[] = (historyOf.get(t.id) ?? []).map((r) => ({
        kind: r.kind, actorId: r.actor_id == null ? null : Number(r.actor_id), fromValue: r.from_value, toValue: r.to_value, reason: r.reason, createdAt: toDate(r.created_at)!,
      }));
      const s: ClockSegment[] = (segmentsOf.get(t.id) ?? []).map((r) => ({ kind: r.kind, at: toDate(r.at)! }));
      facts.push({ ...computeFacts(t, h, s, policies.get(t.priority), solvedIds.has(t.id)), computedAt: now });
    }
  }
  const insert = facts.length ? factsInsert(deps.db, facts) : null;
  await withTransaction(deps.db, async (tx) => {
    await txQuery(tx, `DELETE FROM ticket_kpi_facts WHERE ticket_id IN (${inList})`, ids);
    if (insert) await txQuery(tx, insert.sql, insert.values);
  });
  return { written: facts.length, removed: ids.length - facts.length };
}

/**
 * The kpi-facts rollup: the facts of every ticket changed since the last run (the first
 * run: of every resolved or closed ticket), by id in batches, each batch in one
 * transaction; then the watermark moves to this run's start. Idempotent; a run cut short
 * starts again from the old watermark.
 */
export async function refreshKpiFacts(deps: Deps): Promise<Record<string, number>> {
  const started = deps.clock.now();
  const mark = await deps.db.getRepository(ReportWatermark).findOneBy({ name: KPI_FACTS_JOB });
  const policies = await loadPolicies(deps.db.manager);
  // durations are business time on the SLA calendars: when an admin changed them, every
  // ticket's facts are computed again (the first run after the change reads them all)
  const state = fingerprint(policies);
  const since = mark && mark.state === state ? new Date(mark.at.getTime() - OVERLAP_MS) : null;
  let after = 0, read = 0, written = 0, removed = 0;
  if (!since) removed += await removeStale(deps);
  for (;;) {
    const ids = await changedIds(deps, since, after);
    if (!ids.length) break;
    const r = await refreshBatch(deps, ids, policies);
    read += ids.length;
    written += r.written;
    removed += r.removed;
    after = ids[ids.length - 1];
    if (ids.length < BATCH) break;
  }
  await deps.db.getRepository(ReportWatermark).upsert({ name: KPI_FACTS_JOB, at: started, state }, ["name"]);
  return { read, written, removed, full: since ? 0 : 1 };
}

/** The SLA settings the durations depend on, as a short fingerprint. */
function fingerprint(policies: Awaited<ReturnType<typeof loadPolicies>>): string {
  const settings = [...policies.values()].sort((a, b) => a.priority - b.priority)
    .map((p) => [p.priority, p.firstResponseMinutes, p.resolutionMinutes, p.calendar.timezone, p.calendar.alwaysOpen, p.calendar.hours, p.calendar.holidays]);
  return `sla:${crypto.createHash("sha256").update(JSON.stringify(settings)).digest("hex").slice(0, 32)}`;
}

/**
 * Before a full pass (which reads only the tickets that have facts): the rows of tickets
 * that no longer have any (reopened, merged or cancelled since), which an incremental run
 * would have removed.
 */
async function removeStale(deps: Deps): Promise<number> {
  const gone = await rawQuery<{ ticket_id: number }>(deps.db,
    "SELECT k.ticket_id FROM ticket_kpi_facts k JOIN tickets t ON t.id = k.ticket_id WHERE t.status NOT IN ('resolved', 'closed') " +
    "OR t.merged_into_id IS NOT NULL OR t.resolution_code IN ('cancelled', 'duplicate')", []);
  const ids = gone.map((r) => Number(r.ticket_id));
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    await withTransaction(deps.db, (tx) => txQuery(tx, `DELETE FROM ticket_kpi_facts WHERE ticket_id IN (${placeholders(batch.length)})`, batch));
  }
  return ids.length;
}

/** The latest instant the facts cover (the last run's start), or null before the first run. */
export async function factsAsOf(deps: Pick<Deps, "db">): Promise<Date | null> {
  return (await deps.db.getRepository(ReportWatermark).findOneBy({ name: KPI_FACTS_JOB }))?.at ?? null;
}

export function kpiFactsJob(): JobDefinition {
  return { name: KPI_FACTS_JOB, defaultSchedule: "* * * * *", run: async ({ deps }) => ({ counts: await refreshKpiFacts(deps) }) };
}
