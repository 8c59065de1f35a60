import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { withReferenceChange } from "../../../platform/db/reference-cache";
import { invalid } from "../../../platform/http/errors";
import { hashPassword } from "../../../platform/auth/password";
import { audit } from "../../admin/audit";
import { User } from "../user.entity";
import { setMemberships } from "../memberships";
import type { CreateUserInput } from "../user.schemas";

export async function createUser(deps: Deps, actor: Actor, input: CreateUserInput): Promise<User> {
  authorizeAdmin(actor);
  const passwordHash = await hashPassword(input.password);
  return withReferenceChange(deps.db, async (tx) => {
    if (await tx.findOne(User, { where: { provider: "local", username: input.username } })) {
      throw invalid({ username: "validation.username_taken" }, "username_taken");
    }
    const now = deps.clock.now();
    const user = await tx.save(tx.create(User, {
      username: input.username, provider: "local", displayName: input.displayName, email: input.email, phone: input.phone,
      department: input.department, location: input.location, locale: input.locale, timezone: null, vip: input.vip,
      role: input.role, active: true, passwordHash, createdAt: now, updatedAt: now,
    }));
    await setMemberships(tx, user.id, input.groupIds);
    await audit(tx, actor, "user.create", "user", user.id, { username: user.username, role: user.role, groupIds: input.groupIds }, now);
    return user;
  });
}
