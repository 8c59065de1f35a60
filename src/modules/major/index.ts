/**
 * Major incidents: a parent incident with children, a public face on the portal (banner,
 * public page, "I am affected too"), its public updates and resolution fanned out to the
 * children and the people affected. What other modules use of it is here.
 */
import type { Actor } from "../../access/actor";
import type { Deps } from "../../platform/deps";
import type { Ticket } from "../tickets/ticket.entity";
import { presentPanel } from "./major.presenter";
import { majorPanelData } from "./queries/panel";

export { setMajor } from "./commands/set-major";
export { setParent, attachChildren } from "./commands/attach";
export { followMajor } from "./commands/follow";
export { shareMajorUpdate, resolveMajorChildren } from "./fanout";
export { majorBanner, majorProposal } from "./portal";
export { describeMajorHistory, type Proposal } from "./major.presenter";
export { invalidateOpenMajors } from "./queries/open-majors";
export { majorSchema, parentSchema } from "./major.schemas";

/** The major-incident panel of a ticket page (null when there is nothing to show). */
export async function majorPanel(deps: Deps, actor: Actor, t: Ticket, staffView: boolean) {
  return presentPanel(await majorPanelData(deps, actor, t, staffView), t, actor, staffView);
}
