import type { Actor } from "../../access/actor";
import type { Deps } from "../../platform/deps";
import { matchMajorIncident } from "./match";
import { presentBanner, presentProposal, type BannerItem, type Proposal } from "./major.presenter";
import { openMajors, standings } from "./queries/open-majors";

/**
 * The portal's banners: every open major incident, and how the person stands with it.
 * On a normal day (none open) this is one read of a cached, empty list.
 */
export async function majorBanner(deps: Deps, actor: Actor): Promise<BannerItem[]> {
  const majors = await openMajors(deps.db);
  if (!majors.length) return [];
  return presentBanner(majors, await standings(deps.db, actor, majors));
}

/**
 * A new incident's title that looks like an open major incident (see match.ts): the
 * form comes back with "This looks like …" instead of creating a duplicate to triage,
 * unless the person already said "No, create my ticket", or logs it for someone else.
 */
export async function majorProposal(
  deps: Deps, actor: Actor, input: { type: string; title: string; requester?: string | null }, createAnyway: boolean,
): Promise<Proposal | null> {
  if (createAnyway || input.type !== "incident" || input.requester) return null;
  const majors = await openMajors(deps.db);
  const found = majors.length ? matchMajorIncident(input.title, majors) : null;
  if (!found) return null;
  const standing = (await standings(deps.db, actor, [found])).get(found.id) ?? { kind: "none" as const };
  return presentProposal(found, standing);
}
