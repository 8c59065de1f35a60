import { Router } from "express";
import type { Deps } from "../../platform/deps";

/** JSON API v1. */
export function apiRoutes(_deps: Deps): Router {
  return Router();
}
