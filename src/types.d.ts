import type { Actor } from "./access/actor";

declare global {
  namespace Express {
    interface Request {
      actor?: Actor;
      /** How the actor was identified: a browser session or a bearer token. */
      authKind?: "session" | "token";
      locale?: "en" | "fr";
    }
    // passport's req.user is the actor deserialised from the session's user id
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends Actor {}
  }
}

declare module "express-session" {
  interface SessionData {
    createdAt: number;
    flash: { kind: "success" | "info" | "warning" | "danger"; key: string; params?: Record<string, string | number> }[];
  }
}

export {};
