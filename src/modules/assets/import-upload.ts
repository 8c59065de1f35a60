import multer from "multer";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { decodeCsv } from "../../platform/csv";
import { fileError, MAX_IMPORT_BYTES } from "./commands/import-rows";
import type { AppError } from "../../platform/http/errors";

declare module "express-serve-static-core" {
  interface Request {
    /** The spreadsheet posted to the import: the file chosen, else the text pasted; or why it was refused. */
    importText?: string;
    importError?: AppError;
  }
}

const MB = MAX_IMPORT_BYTES / 1024 / 1024;
const tooLarge = () => fileError("too_large", { max: MB }, 413);

/**
 * The import form's multipart body: one file (kept in memory, never on disk: it is read at
 * once and at most MAX_IMPORT_BYTES) or the pasted text, which the 200 kB form-body limit
 * would otherwise refuse. Multer runs before the CSRF check (the token is a form field);
 * a refusal (too big) does not throw: req.importError lets the form show it in place.
 */
export function importUpload(csrf: RequestHandler): RequestHandler {
  const m = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, fieldSize: MAX_IMPORT_BYTES },
  }).single("file");
  const mw = ((req: Request, res: Response, next: NextFunction) => {
    m(req, res, (err?: unknown) => {
      req.body ??= {};
      if (err) {
        const code = (err as { code?: string }).code;
        req.importError = code === "LIMIT_FILE_SIZE" || code === "LIMIT_FIELD_VALUE" ? tooLarge() : fileError("unreadable", {}, 400);
      } else if (req.file?.size) req.importText = decodeCsv(req.file.buffer);
      else {
        const pasted = typeof req.body.text === "string" ? req.body.text : "";
        if (Buffer.byteLength(pasted) > MAX_IMPORT_BYTES) req.importError = tooLarge();
        else if (pasted.trim()) req.importText = pasted;
      }
      // the pasted text is not echoed back into the page when it is the refused part
      if (req.importError) req.body.text = "";
      csrf(req, res, next);
    });
  }) as RequestHandler & { checksCsrf: true };
  // route() knows from this that the multipart body's CSRF token is checked here
  mw.checksCsrf = true;
  return mw;
}
