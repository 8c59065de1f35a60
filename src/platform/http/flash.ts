import type { Request } from "express";
import type { SessionData } from "express-session";

type Flash = SessionData["flash"][number];

/** A one-time message shown on the next page (after a 303). */
export function flash(req: Request, kind: Flash["kind"], key: string, params?: Flash["params"]): void {
  if (!req.session) return;
  (req.session.flash ??= []).push({ kind, key, params });
}

export function takeFlash(req: Request): Flash[] {
  const f = req.session?.flash ?? [];
  if (req.session?.flash) delete req.session.flash;
  return f;
}
