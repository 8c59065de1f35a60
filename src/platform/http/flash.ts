import type { Request } from "express";
import type { SessionData } from "express-session";

type Flash = SessionData["flash"][number];

/** A one-time message shown on the next page (after a 303). */
export function flash(req: Request, kind: Flash["kind"], key: string, params?: Flash["params"]): void {
  if (!req.session) return;
  const list = (req.session.flash ??= []);
  list.push({ kind, key, params });
  // a client that never follows the redirect must not grow its session without end
  if (list.length > 5) list.splice(0, list.length - 5);
}

export function takeFlash(req: Request): Flash[] {
  const f = req.session?.flash ?? [];
  if (req.session?.flash) delete req.session.flash;
  return f;
}
