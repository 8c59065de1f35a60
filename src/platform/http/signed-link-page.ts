import type { Request, Response } from "express";
import type { Translate } from "../i18n";
import type { AppError } from "./errors";
import { translateFields } from "./error-handler";

/**
 * The refusal of a signed link, by kind: altered, unknown or no longer its holder's
 * (404), past its days (410), anything else: nothing left to do with it (409: decided
 * already, no longer open).
 */
export function linkRefusalStatus(refusal: string): number {
  return refusal === "invalid" ? 404 : refusal === "expired" ? 410 : 409;
}

export interface SignedLinkPage {
  /** The path's `:token`, the link's credential. */
  token(req: Request): string;
  /** The link's own path (`base`/token): its form posts back to it. */
  path(req: Request): string;
  /** The page with its defaults, kept out of caches; after a refused form, with the field errors and the message. */
  render(res: Response, data: Record<string, unknown>, status?: number, err?: AppError): void;
  /** A refusal's page (`refusal` in the view), with the refusal's status. */
  refuse(res: Response, refusal: string, data?: Record<string, unknown>): void;
}

/**
 * The pages an email's signed link opens, for a visitor who may not be signed in (an
 * approval's decision, a survey's rating): the token in the path is the credential, so
 * the page is never stored by a cache, and its form posts back to the same path.
 * `defaults`: what the view needs on every render (title, days a link lasts, …).
 */
export function signedLinkPage(base: string, view: string, defaults: (t: Translate) => Record<string, unknown>): SignedLinkPage {
  const token = (req: Request) => String(req.params.token ?? "");
  const path = (req: Request) => `${base}/${encodeURIComponent(token(req))}`;
  const render = (res: Response, data: Record<string, unknown>, status = 200, err?: AppError) => {
    const t = res.locals.t as Translate;
    // the token is a credential: kept out of caches
    res.set("cache-control", "no-store");
    res.status(status).render(view, {
      refusal: null, values: {}, postTo: path(res.req), ...defaults(t), ...data,
      errors: translateFields(t, err?.fields) ?? {}, formError: err ? t(err.messageKey, err.params) : null,
    });
  };
  return { token, path, render, refuse: (res, refusal, data = {}) => render(res, { ...data, refusal }, linkRefusalStatus(refusal)) };
}
