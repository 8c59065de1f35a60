import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import multer from "multer";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Config } from "../config";
import { AppError } from "../http/errors";
import type { StoredUpload } from "./stored-file";

declare module "express-serve-static-core" {
  interface Request {
    /** An upload refused (too big, too many, wrong type): the route shows it next to the field. */
    uploadError?: AppError;
  }
}

function toUploadError(err: unknown, cfg: Config): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  if (code === "LIMIT_FILE_SIZE") return new AppError(413, "file_too_large", "validation.file_too_large", { max: cfg.uploads.maxFileSizeMb }, { attachments: "validation.file_too_large" });
  if (code === "LIMIT_FILE_COUNT") return new AppError(413, "too_many_files", "validation.too_many_files", { max: cfg.uploads.maxFiles }, { attachments: "validation.too_many_files" });
  return new AppError(400, "bad_upload", "errors.bad_upload", {}, { attachments: "errors.bad_upload" });
}

/**
 * Multipart parsing for forms with attachments: limits and a type allow-list, files
 * stored under random names. Runs before the CSRF check (the token is a form field).
 * A refused upload does not throw: req.uploadError lets the form show it in place.
 */
export function uploadMiddleware(cfg: Config, csrf: RequestHandler): RequestHandler {
  fs.mkdirSync(cfg.uploadDir, { recursive: true });
  const m = multer({
    storage: multer.diskStorage({
      destination: cfg.uploadDir,
      filename: (_req, _file, cb) => cb(null, crypto.randomBytes(24).toString("hex")),
    }),
    limits: { fileSize: cfg.uploads.maxFileSizeMb * 1024 * 1024, files: cfg.uploads.maxFiles, fields: 50, fieldSize: 100_000 },
    fileFilter: (_req, file, cb) => {
      if (cfg.uploads.allowedTypes.includes(file.mimetype)) return cb(null, true);
      cb(new AppError(422, "file_type_not_allowed", "validation.file_type", { name: file.originalname }, { attachments: "validation.file_type" }));
    },
  }).array("attachments", Math.max(cfg.uploads.maxFiles, 1));
  const mw = ((req: Request, res: Response, next: NextFunction) => {
    // remove stored files of a request that did not succeed (nothing half-saved)
    res.on("finish", () => {
      if (res.statusCode >= 400) removeFiles(req);
    });
    m(req, res, (err?: unknown) => {
      if (err) {
        removeFiles(req);
        req.files = [];
        req.uploadError = toUploadError(err, cfg);
      }
      req.body ??= {};
      csrf(req, res, next);
    });
  }) as RequestHandler & { checksCsrf: true };
  // route() knows from this that the multipart body's CSRF token is checked here
  mw.checksCsrf = true;
  return mw;
}

function removeFiles(req: Request): void {
  const files = Array.isArray(req.files) ? req.files : [];
  for (const f of files) fs.rm(f.path, { force: true }, () => undefined);
}

export function storedFiles(req: Request): StoredUpload[] {
  const files = Array.isArray(req.files) ? req.files : [];
  return files.map((f) => ({ originalName: path.basename(f.originalname).slice(0, 255), mimeType: f.mimetype, size: f.size, storageKey: f.filename }));
}
