import type { EntityManager } from "typeorm";
import { In } from "typeorm";
import { invalid } from "../../platform/http/errors";
import { GroupMember, SupportGroup } from "./group.entity";

/** Replace a user's support-group memberships; unknown groups are a field error. */
export async function setMemberships(tx: EntityManager, userId: number, groupIds: number[]): Promise<void> {
  const unique = [...new Set(groupIds)];
  if (unique.length && (await tx.count(SupportGroup, { where: { id: In(unique) } })) !== unique.length) {
    throw invalid({ groupIds: "validation.choice" });
  }
  await tx.delete(GroupMember, { userId });
  if (unique.length) await tx.insert(GroupMember, unique.map((groupId) => ({ groupId, userId })));
}
