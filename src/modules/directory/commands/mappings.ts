import { In } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { withReferenceChange } from "../../../platform/db/reference-cache";
import { invalid, notFound } from "../../../platform/http/errors";
import { audit } from "../../admin/audit";
import { SupportGroup } from "../../users/group.entity";
import { DirectoryMapping, DirectoryMappingGroup } from "../mapping.entity";
import { groupKey } from "../access";
import type { MappingInput } from "../directory.schemas";

/**
 * Map a directory group to a role and support groups; mapping a group that is already
 * mapped replaces its role and groups. Applies at each person's next sign-in and at the
 * next sync.
 */
export async function mapGroup(deps: Deps, actor: Actor, input: MappingInput): Promise<DirectoryMapping> {
  authorizeAdmin(actor);
  return withReferenceChange(deps.db, async (tx) => {
    const ids = [...new Set(input.groupIds)];
    if (ids.length && (await tx.count(SupportGroup, { where: { id: In(ids) } })) !== ids.length) throw invalid({ groupIds: "validation.choice" });
    const key = groupKey(input.group);
    const now = deps.clock.now();
    let mapping = await tx.findOne(DirectoryMapping, { where: { groupKey: key } });
    const before = mapping ? { role: mapping.role } : null;
    mapping = await tx.save(Object.assign(mapping ?? tx.create(DirectoryMapping, { createdAt: now }), { groupRef: input.group, groupKey: key, role: input.role }));
    await tx.delete(DirectoryMappingGroup, { mappingId: mapping.id });
    if (ids.length) await tx.insert(DirectoryMappingGroup, ids.map((groupId) => ({ mappingId: mapping!.id, groupId })));
    await audit(tx, actor, "directory.map", "directory_mapping", mapping.id, { group: input.group, before, role: input.role, groupIds: ids }, now);
    return mapping;
  });
}

/** Remove a mapping, by id (admin page) or by the group as typed (command line). */
export async function unmapGroup(deps: Deps, actor: Actor, ref: { id: number } | { group: string }): Promise<DirectoryMapping> {
  authorizeAdmin(actor);
  return withReferenceChange(deps.db, async (tx) => {
    const mapping = await tx.findOne(DirectoryMapping, { where: "id" in ref ? { id: ref.id } : { groupKey: groupKey(ref.group) } });
    if (!mapping) throw notFound("mapping_not_found");
    await tx.delete(DirectoryMapping, { id: mapping.id });
    await audit(tx, actor, "directory.unmap", "directory_mapping", mapping.id, { group: mapping.groupRef, role: mapping.role }, deps.clock.now());
    return mapping;
  });
}
