import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { getPriorityMatrix } from "../../tickets/queries/priority-matrix";
import type { PriorityMatrix } from "../../tickets/priority";

export async function getMatrixForEdit(deps: Deps, actor: Actor): Promise<PriorityMatrix> {
  authorizeAdmin(actor);
  return getPriorityMatrix(deps.db.manager);
}
