import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { withReferenceChange } from "../../../platform/db/reference-cache";
import { notFound } from "../../../platform/http/errors";
import { SupportGroup } from "../../users/group.entity";
import { audit } from "../audit";
import type { GroupInput } from "../admin.schemas";
import { assertGroupNameFree, assertTierChangeAllowed } from "./group-rules";
import { uniqueName } from "./unique";

export async function updateGroup(deps: Deps, actor: Actor, groupId: number, input: GroupInput): Promise<SupportGroup> {
  authorizeAdmin(actor);
  return uniqueName("name", "admin.errors.group_name_taken", () => withReferenceChange(deps.db, async (tx) => {
    const group = await tx.findOne(SupportGroup, { where: { id: groupId } });
    if (!group) throw notFound("group_not_found");
    await assertGroupNameFree(tx, input.name, group.id);
    await assertTierChangeAllowed(tx, group, input.tier);
    const before = { name: group.name, tier: group.tier, email: group.email };
    Object.assign(group, { name: input.name, tier: input.tier, email: input.email });
    await tx.save(group);
    await audit(tx, actor, "group.update", "group", group.id, { before, after: { name: group.name, tier: group.tier, email: group.email } }, deps.clock.now());
    return group;
  }));
}
