import type { JobDefinition } from "../jobs";
import { withTransaction } from "../db/transaction";
import { sendPending, type SendResult } from "./outbox";
import { MailOutboxRow } from "./outbox.entity";

/** Sent messages are kept this long (for the outbox page), then deleted. */
export const SENT_RETENTION_MS = 90 * 24 * 3600_000;

export const MAIL_OUTBOX_JOB = "mail-outbox";
const BATCH = 50;
/** A run stops taking new batches after this; the next minute's run goes on. */
const RUN_BUDGET_MS = 40_000;

/** Every minute: sends what the outbox holds that is due, batch after batch. */
export function mailOutboxJob(): JobDefinition {
  return {
    name: MAIL_OUTBOX_JOB,
    defaultSchedule: "* * * * *",
    async run({ deps }) {
      const started = Date.now();
      const total: SendResult = { sent: 0, failed: 0, retried: 0, held: 0 };
      for (;;) {
        const r = await sendPending(deps, { batch: BATCH });
        for (const k of Object.keys(total) as (keyof SendResult)[]) total[k] += r[k];
        if (r.sent + r.failed + r.retried < BATCH || Date.now() - started > RUN_BUDGET_MS) break;
      }
      const before = deps.clock.now().getTime() - SENT_RETENTION_MS;
      const { affected } = await withTransaction(deps.db, (tx) => tx.createQueryBuilder().delete().from(MailOutboxRow)
        .where("status = 'sent' AND created_at < :before", { before }).execute());
      return { counts: { ...total, pruned: affected ?? 0 } };
    },
  };
}
