import crypto from "node:crypto";
import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { IsNull } from "typeorm";
import { withTransaction } from "../../../platform/db/transaction";
import { notFound } from "../../../platform/http/errors";
import { ApiToken } from "../api-token.entity";

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** A user's own token (the CLI acts for the user it names). The clear token is returned once. */
export async function createApiToken(deps: Deps, owner: Actor, name: string): Promise<{ token: string; row: ApiToken }> {
  const token = `nvt_${crypto.randomBytes(32).toString("base64url")}`;
  const row = await deps.db.getRepository(ApiToken).save({
    userId: owner.id, name, tokenHash: hashToken(token), prefix: token.slice(0, 12),
    createdAt: deps.clock.now(), lastUsedAt: null, revokedAt: null,
  });
  return { token, row };
}

/** Revoke one of one's own tokens (another user's token is a 404). */
export async function revokeApiToken(deps: Deps, owner: Actor, tokenId: number): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    const row = await tx.findOne(ApiToken, { where: { id: tokenId, userId: owner.id } });
    if (!row || row.revokedAt) throw notFound("token_not_found");
    await tx.update(ApiToken, { id: tokenId }, { revokedAt: deps.clock.now() });
  });
}

/** One's own tokens still in force, newest first. */
export function listApiTokens(deps: Deps, owner: Actor): Promise<ApiToken[]> {
  return deps.db.getRepository(ApiToken).find({ where: { userId: owner.id, revokedAt: IsNull() }, order: { id: "DESC" } });
}
