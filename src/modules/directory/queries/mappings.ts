import type { EntityManager } from "typeorm";
import { SupportGroup } from "../../users/group.entity";
import { DirectoryMapping, DirectoryMappingGroup } from "../mapping.entity";
import { ROLE_RANK, type MappingRule } from "../access";

/** Every mapping with its support groups, highest role first (the precedence the admin page shows). */
export async function loadRules(m: EntityManager): Promise<MappingRule[]> {
  const [mappings, links, groups] = await Promise.all([
    m.find(DirectoryMapping), m.find(DirectoryMappingGroup), m.find(SupportGroup),
  ]);
  const groupById = new Map(groups.map((g) => [g.id, g]));
  return mappings
    .map((mp) => ({
      id: mp.id, groupRef: mp.groupRef, groupKey: mp.groupKey, role: mp.role,
      supportGroups: links.filter((l) => l.mappingId === mp.id).map((l) => groupById.get(l.groupId)!).filter(Boolean)
        .map((g) => ({ id: g.id, name: g.name, tier: g.tier }))
        .sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role] || a.groupRef.localeCompare(b.groupRef));
}
