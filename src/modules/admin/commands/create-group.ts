import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { withReferenceChange } from "../../../platform/db/reference-cache";
import { SupportGroup } from "../../users/group.entity";
import { audit } from "../audit";
import type { GroupInput } from "../admin.schemas";
import { assertGroupNameFree } from "./group-rules";
import { uniqueName } from "./unique";

export async function createGroup(deps: Deps, actor: Actor, input: GroupInput): Promise<SupportGroup> {
  authorizeAdmin(actor);
  return uniqueName("name", "admin.errors.group_name_taken", () => withReferenceChange(deps.db, async (tx) => {
    await assertGroupNameFree(tx, input.name);
    const group = await tx.save(tx.create(SupportGroup, { name: input.name, tier: input.tier, email: input.email }));
    await audit(tx, actor, "group.create", "group", group.id, { name: group.name, tier: group.tier, email: group.email }, deps.clock.now());
    return group;
  }));
}
