import type { EntityManager } from "typeorm";
import { getSetting } from "../../../platform/db/settings";
import { DEFAULT_MATRIX, type PriorityMatrix } from "../priority";

export const MATRIX_KEY = "priority_matrix";

export function getPriorityMatrix(m: EntityManager): Promise<PriorityMatrix> {
  return getSetting(m, MATRIX_KEY, DEFAULT_MATRIX);
}
