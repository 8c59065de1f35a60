import { Router } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";

/** 200 when the database answers, 503 otherwise (for load balancers and monitoring). */
export function healthRoutes(deps: Deps): Router {
  const r = Router();
  route(r, "get", "/healthz", "public", async (_req, res) => {
    try {
      await deps.db.query("SELECT 1");
      res.set("cache-control", "no-store").json({ status: "ok" });
    } catch {
      res.status(503).set("cache-control", "no-store").json({ status: "unavailable" });
    }
  });
  // browsers ask for /favicon.ico on their own (JSON pages, downloads)
  route(r, "get", "/favicon.ico", "public", (_req, res) => res.redirect(301, "/public/img/favicon.svg"));
  return r;
}
