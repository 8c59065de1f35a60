import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", "res.headers['set-cookie']", "password", "*.password", "token"],
      censor: "[redacted]",
    },
  });
}

/**
 * A request's path as the logs keep it: the signed token of a one-click link (a survey
 * rating, an approval) is a credential for whoever holds it, so it is cut out.
 */
export function loggedUrl(url: string): string {
  return url.replace(/^\/(survey|approvals\/email)\/[^/?#]+/, "/$1/[redacted]");
}
