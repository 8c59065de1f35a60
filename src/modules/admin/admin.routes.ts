import { Router } from "express";
import type { Deps } from "../../platform/deps";

/** The admin pages (users, groups, categories, priority matrix, audit log). */
export function adminRoutes(_deps: Deps): Router {
  return Router();
}
