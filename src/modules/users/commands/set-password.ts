import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { conflict, notFound } from "../../../platform/http/errors";
import { hashPassword } from "../../../platform/auth/password";
import { audit } from "../../admin/audit";
import { User } from "../user.entity";
import { endSessions } from "../sessions";

/** Admin reset of a local account's password; the user's (other) sessions end. */
export async function setPassword(deps: Deps, actor: Actor, userId: number, password: string, currentSid?: string): Promise<void> {
  authorizeAdmin(actor);
  const passwordHash = await hashPassword(password);
  await withTransaction(deps.db, async (tx) => {
    const user = await tx.findOne(User, { where: { id: userId } });
    if (!user) throw notFound("user_not_found");
    if (user.provider !== "local") throw conflict("directory_account", "errors.directory_account");
    const now = deps.clock.now();
    await tx.update(User, { id: userId }, { passwordHash, updatedAt: now });
    // an admin resetting their own password stays signed in here, and only here
    await endSessions(tx, userId, userId === actor.id ? currentSid : undefined);
    await audit(tx, actor, "user.password_reset", "user", userId, null, now);
  });
}
