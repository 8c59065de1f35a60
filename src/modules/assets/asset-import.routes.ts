import { Router, type Request, type RequestHandler, type Response } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import type { Translate } from "../../platform/i18n";
import { authorizeAsset } from "../../access/policies/asset.policy";
import { renderForm } from "../admin/admin-page";
import { assetListSchema } from "./asset.schemas";
import { applyImport, previewImport, type ImportReport } from "./commands/import-assets";
import { fileError, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "./commands/import-rows";
import { ASSET_COLUMNS, FRENCH_HEADER } from "./csv/columns";
import { CSV_BOM, csvLine, type Separator } from "../../platform/csv";
import { finishImport, keepImport, claimImport, importReported, readReport } from "./import-store";
import { importUpload } from "./import-upload";
import { presentPreview, presentReport } from "./asset-import.presenter";
import { exportAssetRows } from "./queries/export-assets";
import { localDate } from "../../platform/http/format";

/** `sep=;` (or `semicolon`) for French Excel; a comma otherwise. */
const separatorOf = (v: unknown): Separator => (v === ";" || v === "semicolon" ? ";" : ",");

/** Write to the response, waiting when the client reads slower than we query (or until it goes away). */
async function write(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off("drain", done).off("close", done);
      resolve();
    };
    res.on("drain", done).on("close", done);
  });
}

/**
 * The admin's spreadsheet in and out: the import form, its preview (per-line errors),
 * the import of the valid lines and its report; the template; and the export of the
 * inventory with the list's filters (the desk and the admins).
 */
export function assetImportRoutes(deps: Deps, csrf: RequestHandler): Router {
  const r = Router();
  const cfg = deps.config;
  const limits = { maxMb: MAX_IMPORT_BYTES / 1024 / 1024, maxRows: MAX_IMPORT_ROWS };
  const showForm = (req: Request, res: Response, status = 200, err?: AppError) =>
    renderForm(res, "assets/import", { title: res.locals.t("assetImport.title"), limits, values: { text: req.body?.text ?? "" } }, status, err);

  route(r, "get", "/assets/import", "admin", (req, res) => {
    authorizeAsset(req.actor!, "import");
    showForm(req, res);
  });

  /** An empty spreadsheet with the columns: French headers and `;` for a French reader (their Excel's way). */
  route(r, "get", "/assets/import/template.csv", "admin", (req, res) => {
    authorizeAsset(req.actor!, "import");
    const fr = res.locals.locale === "fr";
    const header = ASSET_COLUMNS.map((c) => (fr ? FRENCH_HEADER[c] : c));
    res.set("cache-control", "no-store").attachment(fr ? "inventaire-modele.csv" : "assets-template.csv").type("text/csv; charset=utf-8")
      .send(CSV_BOM + csvLine(header, fr ? ";" : ","));
  });

  route(r, "post", "/assets/import/preview", "admin", importUpload(csrf), async (req, res) => {
    try {
      if (req.importError) throw req.importError;
      if (!req.importText) throw fileError("no_file");
      const preview = await previewImport(deps, req.actor!, req.importText);
      // the file waits server-side for the import: the button posts only its token
      const token = preview.valid ? await keepImport(cfg, req.actor!.id, req.importText, deps.clock.now()) : null;
      res.render("assets/import-preview", {
        title: res.locals.t("assetImport.preview_title"), token, ...presentPreview(preview, res.locals.t as Translate),
      });
    } catch (err) {
      if (!(err instanceof AppError) || ![400, 413, 422].includes(err.status)) throw err;
      showForm(req, res, err.status, err);
    }
  });

  route(r, "post", "/assets/import/apply", "admin", async (req, res) => {
    const token = String(req.body?.token ?? "");
    try {
      const kept = await claimImport(cfg, req.actor!.id, token, deps.clock.now()).catch(async (err: unknown) => {
        // the same preview imported a moment ago, or still importing (a double click): its report, not a second import
        if (await importReported(cfg, req.actor!.id, token, deps.clock.now())) return null;
        throw err;
      });
      if (!kept) return res.redirect(303, `/assets/import/report/${token}`);
      const report = await applyImport(deps, req.actor!, kept.text).catch(async (err: unknown) => {
        await kept.release();
        throw err;
      });
      await finishImport(cfg, req.actor!.id, token, report, deps.clock.now());
      flash(req, "success", "assetImport.flash.imported", { count: report.created.length });
      res.redirect(303, `/assets/import/report/${token}`);
    } catch (err) {
      // an expired preview, or a tag taken meanwhile: the form again, with what to do
      if (!(err instanceof AppError) || ![404, 409].includes(err.status)) throw err;
      showForm(req, res, err.status, err);
    }
  });

  route(r, "get", "/assets/import/report/:token", "admin", async (req, res) => {
    authorizeAsset(req.actor!, "import");
    const report = await readReport<ImportReport>(cfg, req.actor!.id, String(req.params.token), deps.clock.now());
    res.render("assets/import-report", { title: res.locals.t("assetImport.report_title"), ...presentReport(report, res.locals.t as Translate) });
  });

  /**
   * The inventory as CSV, filtered as the list is (its query string), streamed batch by
   * batch: UTF-8 with its byte order mark (Excel), formulas neutralised (csv.ts).
   */
  route(r, "get", "/assets/export.csv", "inventory", async (req, res) => {
    const f = parse(assetListSchema, { ...req.query, after: undefined, limit: undefined });
    const sep = separatorOf(req.query.sep);
    const rows = exportAssetRows(deps, req.actor!, f);
    // the first step authorises: a refusal is still a proper error page, before any byte is sent
    const first = await rows.next();
    const day = localDate(deps.clock.now(), deps.config.defaultTimezone);
    res.status(200).set("cache-control", "no-store").attachment(`assets-${day}.csv`).type("text/csv; charset=utf-8");
    try {
      await write(res, CSV_BOM + (first.done ? "" : first.value.map((cells) => csvLine(cells, sep)).join("")));
      for await (const batch of rows) {
        // the client went away: stop reading the inventory
        if (res.destroyed) return;
        if (batch.length) await write(res, batch.map((cells) => csvLine(cells, sep)).join(""));
      }
      res.end();
    } catch (err) {
      // the headers are gone: a cut download (never a complete-looking file), and the cause in the log
      deps.logger.error({ err }, "asset export failed");
      res.destroy();
    }
  });
  return r;
}
