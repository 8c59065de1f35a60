import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { withReferenceChange } from "../../../platform/db/reference-cache";
import { putSetting } from "../../../platform/db/settings";
import { getPriorityMatrix, MATRIX_KEY } from "../../tickets/queries/priority-matrix";
import type { PriorityMatrix } from "../../tickets/priority";
import { audit } from "../audit";

/**
 * Applies to tickets created or re-classified from now on; existing priorities are left
 * as they are (re-prioritising open tickets behind the agents' backs would reorder queues).
 */
export async function setPriorityMatrix(deps: Deps, actor: Actor, matrix: PriorityMatrix): Promise<void> {
  authorizeAdmin(actor);
  await withReferenceChange(deps.db, async (tx) => {
    const before = await getPriorityMatrix(tx);
    await putSetting(tx, MATRIX_KEY, matrix);
    await audit(tx, actor, "settings.priority_matrix", "setting", MATRIX_KEY, { before, after: matrix }, deps.clock.now());
  });
}
