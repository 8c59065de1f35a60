import type { NextFunction, Request, RequestHandler, Response, Router } from "express";
import { AppError, forbidden, unauthorized } from "./errors";
import type { Role } from "../../access/roles";

/**
 * Every route declares who may reach it (the coarse gate). Finer rules are in the
 * commands' authorize() and the list scopes. A test walks the router and fails on a
 * route whose first handler is not a gate.
 */
export type Access = "public" | "user" | "staff" | "supervisor" | "admin" | "inventory" | "kb-editor" | "reports";

const ALLOWED: Record<Exclude<Access, "public" | "user">, Role[]> = {
  staff: ["agent", "supervisor"],
  supervisor: ["supervisor"],
  admin: ["admin"],
  // the equipment: technicians work with it, admins keep the inventory
  inventory: ["agent", "supervisor", "admin"],
  // the knowledge base's writers (kb.policy isKbEditor)
  "kb-editor": ["agent", "supervisor", "admin"],
  // the dashboard (report.policy canReport: an agent sees their own groups' figures)
  reports: ["agent", "supervisor", "admin"],
};

export type Gate = RequestHandler & { access: Access };

export function gate(access: Access): Gate {
  const fn = ((req: Request, _res: Response, next: NextFunction) => {
    if (access === "public") return next();
    if (!req.actor) return next(unauthorized());
    if (access !== "user" && !ALLOWED[access].includes(req.actor.role)) return next(forbidden());
    next();
  }) as Gate;
  fn.access = access;
  return fn;
}

type Method = "get" | "post" | "patch" | "delete";

/**
 * The global CSRF check cannot read a multipart body: it leaves that to the upload
 * middleware. A route without it refuses multipart bodies outright, so none skips the check.
 */
function noMultipart(req: Request, _res: Response, next: NextFunction): void {
  if (req.method !== "GET" && req.is("multipart/form-data")) return next(new AppError(403, "csrf_invalid", "errors.csrf"));
  next();
}

export function route(router: Router, method: Method, path: string, access: Access, ...handlers: RequestHandler[]): void {
  const checksCsrf = handlers.some((h) => (h as { checksCsrf?: boolean }).checksCsrf);
  router[method](path, gate(access), ...(checksCsrf ? [] : [noMultipart]), ...handlers);
}
