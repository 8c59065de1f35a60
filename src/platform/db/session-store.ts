import session from "express-session";
import type { DataSource } from "typeorm";
import type { Clock } from "../clock";
import { SessionRow } from "./session.entity";
import { rawQuery } from "./raw";

type Data = session.SessionData & { passport?: { user?: number } };

/** Rewriting the expiry on every request costs a write: only roll it when it moved this much. */
const TOUCH_GRANULARITY_MS = 60_000;

/**
 * express-session store on our own table (connect-typeorm does not install with
 * TypeORM 1.x). Keeps the user id beside the session so a deactivation ends them all.
 */
export class DbSessionStore extends session.Store {
  constructor(private readonly db: DataSource, private readonly clock: Clock, private readonly idleMs: number) {
    super();
  }

  private expiry(sess: session.SessionData): number {
    const exp = sess.cookie?.expires;
    return exp ? new Date(exp).getTime() : this.clock.now().getTime() + this.idleMs;
  }

  /** The expiry last read or written per session, so a touch that would change nothing costs nothing. */
  private readonly knownExpiry = new Map<string, number>();

  private remember(sid: string, expiresAt: number): void {
    if (this.knownExpiry.size > 50_000) this.knownExpiry.clear();
    this.knownExpiry.set(sid, expiresAt);
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    rawQuery<{ data: string; expires_at: string | number }>(this.db, "SELECT data, expires_at FROM sessions WHERE sid = ?", [sid]).then((rows) => {
      const row = rows[0];
      if (!row || Number(row.expires_at) <= this.clock.now().getTime()) return cb(null, null);
      this.remember(sid, Number(row.expires_at));
      cb(null, JSON.parse(row.data) as session.SessionData);
    }, cb);
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const userId = (sess as Data).passport?.user ?? null;
    const expiresAt = this.expiry(sess);
    const data = JSON.stringify(sess);
    const write = async () => {
      if (this.knownExpiry.has(sid)) {
        // a session this process read: update it, and never bring back a row deleted
        // meanwhile (password reset, deactivation) by a request that was still running
        await rawQuery(this.db, "UPDATE sessions SET data = ?, expires_at = ?, user_id = ? WHERE sid = ?", [data, expiresAt, userId, sid]);
        return;
      }
      await rawQuery(this.db,
        "INSERT INTO sessions (sid, data, expires_at, user_id) VALUES (?, ?, ?, ?) " +
        "ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at, user_id = excluded.user_id",
        [sid, data, expiresAt, userId]);
    };
    write().then(() => {
      this.remember(sid, expiresAt);
      cb?.();
    }, (err) => cb?.(err));
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const exp = this.expiry(sess);
    const known = this.knownExpiry.get(sid);
    if (known !== undefined && known >= exp - TOUCH_GRANULARITY_MS) {
      cb?.();
      return;
    }
    rawQuery(this.db, "UPDATE sessions SET expires_at = ? WHERE sid = ?", [exp, sid])
      .then(() => {
        this.remember(sid, exp);
        cb?.();
      }, (err) => cb?.(err));
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.knownExpiry.delete(sid);
    rawQuery(this.db, "DELETE FROM sessions WHERE sid = ?", [sid]).then(() => cb?.(), (err) => cb?.(err));
  }

  /** Remove expired sessions (called at start and on a timer). */
  async prune(): Promise<number> {
    const res = await this.db.createQueryBuilder().delete().from(SessionRow)
      .where("expires_at < :now", { now: this.clock.now().getTime() }).execute();
    return res.affected ?? 0;
  }
}
