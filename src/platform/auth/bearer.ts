import type { NextFunction, Request, Response } from "express";
import type { Deps } from "../deps";
import { ApiToken } from "../../modules/users/api-token.entity";
import { hashToken } from "../../modules/users/commands/api-tokens";
import { cachedActor } from "../../modules/users/queries/load-actor";
import { unauthorized } from "../http/errors";
import { rawEntities, rawQuery } from "../db/raw";

/** Only record "last used" once a minute per token: a write per API call would be wasteful. */
const LAST_USED_GRANULARITY_MS = 60_000;

/** `Authorization: Bearer <token>` on the API: a revoked or unknown token is a 401. */
export function bearerAuth(deps: Deps) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get("authorization");
    if (!header) return next();
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return next(unauthorized());
    // every API call: a prepared statement, not the ORM's query building
    const [row] = await rawEntities(deps.db, ApiToken, "token_hash = ? AND revoked_at IS NULL", [hashToken(m[1])]);
    const actor = row ? await cachedActor(deps.db, row.userId) : null;
    if (!row || !actor) return next(unauthorized());
    const now = deps.clock.now();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
      await rawQuery(deps.db, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", [now.getTime(), row.id]);
    }
    req.actor = actor;
    req.authKind = "token";
    next();
  };
}
