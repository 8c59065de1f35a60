import type { Level } from "./ticket.types";

/** impact -> urgency -> priority (1..4). */
export type PriorityMatrix = Record<Level, Record<Level, number>>;

export const DEFAULT_MATRIX: PriorityMatrix = {
  high: { high: 1, medium: 2, low: 3 },
  medium: { high: 2, medium: 3, low: 4 },
  low: { high: 3, medium: 4, low: 4 },
};

/** A VIP requester's ticket is raised one level, never above P1. */
export function computePriority(matrix: PriorityMatrix, impact: Level, urgency: Level, vip: boolean): number {
  const base = matrix[impact][urgency];
  return vip ? Math.max(1, base - 1) : base;
}
