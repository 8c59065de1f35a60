import session from "express-session";
import type { DataSource } from "typeorm";
import type { Clock } from "../clock";
import { SessionRow } from "./session.entity";

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

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    this.db.getRepository(SessionRow).findOne({ where: { sid } }).then((row) => {
      if (!row || row.expiresAt <= this.clock.now().getTime()) return cb(null, null);
      cb(null, JSON.parse(row.data) as session.SessionData);
    }, cb);
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const userId = (sess as Data).passport?.user ?? null;
    this.db.getRepository(SessionRow)
      .upsert({ sid, data: JSON.stringify(sess), expiresAt: this.expiry(sess), userId }, ["sid"])
      .then(() => cb?.(), (err) => cb?.(err));
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const exp = this.expiry(sess);
    this.db.createQueryBuilder().update(SessionRow).set({ expiresAt: exp })
      .where("sid = :sid AND expires_at < :threshold", { sid, threshold: exp - TOUCH_GRANULARITY_MS })
      .execute().then(() => cb?.(), (err) => cb?.(err));
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.db.getRepository(SessionRow).delete({ sid }).then(() => cb?.(), (err) => cb?.(err));
  }

  /** Remove expired sessions (called at start and on a timer). */
  async prune(): Promise<number> {
    const res = await this.db.createQueryBuilder().delete().from(SessionRow)
      .where("expires_at < :now", { now: this.clock.now().getTime() }).execute();
    return res.affected ?? 0;
  }
}
