import { csrfSync } from "csrf-sync";
import type { Request } from "express";

/**
 * Synchroniser tokens kept in the session. Forms send `_csrf`; scripts send the
 * x-csrf-token header. Bearer-token API calls carry no cookie and are not subject to it.
 */
export function createCsrf() {
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: (req: Request) => {
      const body = req.body as Record<string, unknown> | undefined;
      return (typeof body?._csrf === "string" ? body._csrf : undefined) ?? req.get("x-csrf-token");
    },
    // a token call carries no cookie; an API call with no credentials has nothing to
    // forge and must reach the gate for its 401
    skipCsrfProtection: (req: Request) => req.authKind === "token" || (req.path.startsWith("/api/") && !req.actor),
    errorConfig: { statusCode: 403, code: "EBADCSRFTOKEN", message: "invalid csrf token" },
  });
  return { protect: csrfSynchronisedProtection, generateToken };
}
