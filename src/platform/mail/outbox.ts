import crypto from "node:crypto";
import ejs from "ejs";
import os from "node:os";
import type { EntityManager } from "typeorm";
import type { Deps } from "../deps";
import { initI18n, type Locale } from "../i18n";
import { withTransaction } from "../db/transaction";
import { MailOutboxRow, type MailStatus } from "./outbox.entity";
import { renderMail, type RenderedMail } from "./render";
import { mailSettings } from "./settings";
import { transportFor } from "./transport";
import type { MailConfig } from "../config";

/** How long a claim lasts: a process that died while sending frees its message after this. */
export const MAIL_LEASE_MS = 5 * 60_000;
const ERROR_MAX_CHARS = 2000;
/** Lenient on purpose: the address was validated where it was typed; this only stops what SMTP cannot carry. */
const ADDRESS = /^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+$/;

export interface OutgoingMail {
  to: string;
  toName?: string | null;
  locale: Locale;
  /** A template of views/emails (see render.ts). */
  template: string;
  data: Record<string, unknown>;
  /** What the message is about, e.g. { type: "ticket", id: 123 }. */
  related?: { type: string; id: number };
}

export interface SendResult {
  sent: number;
  /** Given up this run (max attempts reached, or refused for good by the server). */
  failed: number;
  /** Failed this time, tried again later. */
  retried: number;
  /** Mail is off: messages kept as held. */
  held: number;
}

/** Minutes before the next try after `attempts` tries: 1, 2, 4, 8 ... capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/** Control characters (a line break in a name would end a mail header) as one space. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]+/g;
const oneLine = (s: string | null | undefined, max: number) => (s ?? "").replace(CONTROL, " ").trim().slice(0, max);

/**
 * Renders the message now, in the recipient's language, and writes it to the outbox in
 * the caller's transaction: a change rolled back sends nothing. It is sent by the
 * mail-outbox job (or sendPending). With mail off it is kept as "held"; an address SMTP
 * cannot carry is kept as "failed" with the reason (the caller's change still commits).
 * A missing template is a programming error and throws. Returns the outbox id.
 */
export async function queueMail(tx: EntityManager, deps: Deps, msg: OutgoingMail): Promise<number> {
  const [id] = await queueMails(tx, deps, [msg]);
  return id;
}

/** Several messages at once (one notice to a whole group): rendered one by one, written in one statement a chunk. */
export async function queueMails(tx: EntityManager, deps: Deps, msgs: OutgoingMail[]): Promise<number[]> {
  if (!msgs.length) return [];
  // a job or the command line has no app to initialise i18n
  await initI18n(deps.config.defaultLocale);
  const { enabled } = await mailSettings(deps.db, deps.config.mail);
  const now = deps.clock.now();
  const rows: Partial<MailOutboxRow>[] = [];
  // one notice to a whole group is the same message but for the greeting: rendered once per
  // language (with a marker where the name goes), then the name put in, escaped for the HTML part
  const shared = new Map<string, RenderedMail>();
  for (const msg of msgs) {
    const toName = oneLine(msg.toName, 200) || null;
    const key = `${msg.template}\u0000${msg.locale}\u0000${toName ? "named" : "anonymous"}\u0000${JSON.stringify(msg.data)}`;
    let base = shared.get(key);
    if (!base) {
      base = await renderMail({
        template: msg.template, locale: msg.locale, data: msg.data, toName: toName ? NAME_MARKER : null,
        baseUrl: deps.config.baseUrl, timezone: deps.config.defaultTimezone,
      });
      shared.set(key, base);
    }
    const rendered: RenderedMail = {
      subject: base.subject,
      html: base.html.replaceAll(NAME_MARKER, ejs.escapeXML(toName ?? "")),
      text: base.text.replaceAll(NAME_MARKER, toName ?? ""),
    };
    const to = msg.to.trim();
    const valid = ADDRESS.test(to) && to.length <= 320;
    rows.push({
      toAddress: to.slice(0, 320), toName, locale: msg.locale, template: msg.template, ...rendered,
      relatedType: msg.related?.type ?? null, relatedId: msg.related?.id ?? null,
      status: !valid ? "failed" : enabled ? "pending" : "held", attempts: 0, nextAttemptAt: now, claimedBy: null,
      lastError: valid ? null : `Invalid recipient address: ${oneLine(to, 320)}`, createdAt: now, sentAt: null, messageId: null,
    });
  }
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const res = await tx.insert(MailOutboxRow, rows.slice(i, i + INSERT_CHUNK) as MailOutboxRow[]);
    ids.push(...res.identifiers.map((r) => Number(r.id)));
  }
  return ids;
}
/** Stands for the recipient's name while a shared message is rendered (no one types it). */
const NAME_MARKER = "\u2063NIVEAU_RECIPIENT_NAME\u2063";

/** Rows per INSERT (well under both databases' limits on bound parameters). */
const INSERT_CHUNK = 200;

/**
 * Sends the messages that are due (oldest first, at most `batch`; `ids` restricts to those
 * rows). Each is claimed before it is sent, with an UPDATE whose WHERE only one process can
 * satisfy, so two processes never send the same row. A success is marked sent with its
 * Message-ID; a failure is tried again after 1, 2, 4 ... 60 minutes, until `maxAttempts`
 * tries, then marked failed with the error. A refusal for good (5xx on the recipient or the
 * message) fails at once. With mail off, pending messages are held; once a host is set,
 * held messages become pending again.
 */
export async function sendPending(deps: Deps, opts: { batch?: number; ids?: number[] } = {}): Promise<SendResult> {
  const result: SendResult = { sent: 0, failed: 0, retried: 0, held: 0 };
  const { enabled, config } = await mailSettings(deps.db, deps.config.mail);
  if (!enabled) {
    result.held = await moveStatus(deps, "pending", "held", opts.ids);
    return result;
  }
  await moveStatus(deps, "held", "pending", undefined);
  const due = await dueIds(deps, opts.batch ?? 50, opts.ids);
  for (const id of due) {
    const outcome = await sendOne(deps, config, id);
    if (outcome) result[outcome]++;
  }
  return result;
}

/*
 * Every write goes through withTransaction: on SQLite all statements share one connection,
 * and a lone statement would otherwise land inside whichever command's transaction is open.
 */

async function moveStatus(deps: Deps, from: MailStatus, to: MailStatus, ids: number[] | undefined): Promise<number> {
  if (ids && !ids.length) return 0;
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const qb = tx.createQueryBuilder().update(MailOutboxRow).set({ status: to, nextAttemptAt: now }).where("status = :from", { from });
    if (ids) qb.andWhere("id IN (:...ids)", { ids });
    return (await qb.execute()).affected ?? 0;
  });
}

/** Pending messages whose time has come, and claims whose lease ran out (their process died). */
function dueIds(deps: Deps, batch: number, ids: number[] | undefined): Promise<number[]> {
  if (ids && !ids.length) return Promise.resolve([]);
  const now = deps.clock.now().getTime();
  return withTransaction(deps.db, async (tx) => {
    const qb = tx.createQueryBuilder(MailOutboxRow, "m").select("m.id", "id")
      .where("m.status IN (:...due) AND m.next_attempt_at <= :now", { due: ["pending", "sending"], now });
    if (ids) qb.andWhere("m.id IN (:...ids)", { ids });
    const rows = await qb.orderBy("m.next_attempt_at", "ASC").addOrderBy("m.id", "ASC").limit(batch).getRawMany<{ id: number | string }>();
    return rows.map((r) => Number(r.id));
  });
}

/**
 * Takes the row for this try if it is still due. Of two processes racing, PostgreSQL
 * re-checks the WHERE on the row the loser waited for, and SQLite runs one writer at a
 * time: exactly one sees an affected row.
 */
async function claim(deps: Deps, id: number, token: string): Promise<MailOutboxRow | null> {
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const res = await tx.createQueryBuilder().update(MailOutboxRow)
      .set({ status: "sending", claimedBy: token, nextAttemptAt: new Date(now.getTime() + MAIL_LEASE_MS), attempts: () => "attempts + 1" })
      .where("id = :id AND status IN (:...due) AND next_attempt_at <= :now", { id, due: ["pending", "sending"], now: now.getTime() })
      .execute();
    return res.affected === 1 ? tx.getRepository(MailOutboxRow).findOneBy({ id }) : null;
  });
}

/** Writes a try's outcome, if this try still holds the claim. */
async function settle(deps: Deps, id: number, token: string, values: Partial<MailOutboxRow>): Promise<void> {
  const res = await withTransaction(deps.db, (tx) => tx.createQueryBuilder().update(MailOutboxRow)
    .set({ ...values, claimedBy: null }).where("id = :id AND claimed_by = :token", { id, token }).execute());
  if (res.affected !== 1) deps.logger.warn({ mailId: id }, "mail outcome not recorded: its claim ran out and another process took it over");
}

type Outcome = "sent" | "failed" | "retried";

async function sendOne(deps: Deps, cfg: MailConfig, id: number): Promise<Outcome | null> {
  const token = `${os.hostname()}:${process.pid}:${crypto.randomBytes(6).toString("hex")}`.slice(0, 100);
  const row = await claim(deps, id, token);
  if (!row) return null;
  try {
    const info = await transportFor(cfg).sendMail({
      from: cfg.from, to: row.toName ? { name: row.toName, address: row.toAddress } : row.toAddress,
      subject: row.subject, html: row.html, text: row.text, messageId: messageId(row, cfg.from),
      // the same Message-ID on every try: a receiver can drop the copy of a try that was not recorded
      headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All", "Content-Language": row.locale },
    });
    await settle(deps, id, token, { status: "sent", sentAt: deps.clock.now(), messageId: String(info.messageId ?? messageId(row, cfg.from)), lastError: null });
    deps.logger.info({ mailId: id, template: row.template, attempts: row.attempts }, "mail sent");
    return "sent";
  } catch (err) {
    const error = errorText(err);
    const giveUp = isPermanent(err) || row.attempts >= deps.config.mail.maxAttempts;
    const next = new Date(deps.clock.now().getTime() + retryDelayMs(row.attempts));
    await settle(deps, id, token, giveUp ? { status: "failed", lastError: error } : { status: "pending", nextAttemptAt: next, lastError: error });
    deps.logger.warn({ mailId: id, template: row.template, attempts: row.attempts, giveUp, error }, "mail not sent");
    return giveUp ? "failed" : "retried";
  }
}

function messageId(row: MailOutboxRow, from: string): string {
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? "localhost";
  return `<niveau.${row.id}.${row.createdAt.getTime()}@${domain}>`;
}

/** 5xx on the recipient (EENVELOPE) or the message (EMESSAGE): trying again will not help. */
function isPermanent(err: unknown): boolean {
  const e = err as { code?: string; responseCode?: number };
  return typeof e?.responseCode === "number" && e.responseCode >= 500 && e.responseCode < 600 && (e.code === "EENVELOPE" || e.code === "EMESSAGE");
}

/** The error as the admin page shows it: the server's answer if there is one, else the message. */
function errorText(err: unknown): string {
  const e = err as { message?: string; response?: string; code?: string };
  const msg = (e?.response && !String(e.message).includes(e.response) ? `${e.message} (${e.response})` : e?.message) || String(err);
  const text = `${msg}${e?.code && !msg.includes(e.code) ? ` (${e.code})` : ""}`.trim();
  return text.length > ERROR_MAX_CHARS ? `${text.slice(0, ERROR_MAX_CHARS - 1)}…` : text;
}
