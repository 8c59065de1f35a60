import { Router } from "express";
import type { Deps } from "../../platform/deps";

export function reportApiRoutes(_deps: Deps): Router {
  return Router();
}
