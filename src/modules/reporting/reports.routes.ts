import { Router } from "express";
import type { Deps } from "../../platform/deps";

export function reportRoutes(_deps: Deps): Router {
  return Router();
}
