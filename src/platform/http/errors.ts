/**
 * Typed errors: a status, a stable code that tests and API clients rely on, an i18n key
 * for the message, and (for 422) the per-field errors as i18n keys.
 */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    readonly fields?: FieldErrors,
  ) {
    super(code);
  }
}

export const badRequest = (code = "bad_request", key = "errors.bad_request") => new AppError(400, code, key);
export const unauthorized = () => new AppError(401, "unauthorized", "errors.unauthorized");
export const forbidden = (code = "forbidden", key = "errors.forbidden") => new AppError(403, code, key);
export const notFound = (code = "not_found") => new AppError(404, code, "errors.not_found");
export const conflict = (code: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError(409, code, key, params);
export const tooLarge = (code: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError(413, code, key, params);
export const invalid = (fields: FieldErrors, code = "validation_failed") =>
  new AppError(422, code, "errors.validation_failed", {}, fields);
