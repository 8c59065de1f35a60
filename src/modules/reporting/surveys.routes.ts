import { Router } from "express";
import type { Deps } from "../../platform/deps";

export function surveyRoutes(_deps: Deps): Router {
  return Router();
}
