import type { Translate } from "../../platform/i18n";
import type { ImportPreview, ImportReport } from "./commands/import-assets";
import type { LineError } from "./commands/import-rows";

/**
 * A preview of 20 000 lines is not read line by line: every line with an error is shown
 * (up to this many, the ones to fix), and the first valid lines as a sample.
 */
export const PREVIEW_ERRORS_SHOWN = 1000;
export const PREVIEW_VALID_SHOWN = 100;
export const REPORT_CREATED_SHOWN = 500;

/** "Owner: no active user has the username or email “jdoe”." */
export function lineErrorText(e: LineError, t: Translate): string {
  const text = t(`assetImport.errors.${e.key}`, { ...e.params, column: e.params?.column ? t(`assetImport.columns.${e.params.column}`) : "" });
  return e.column ? `${t(`assetImport.columns.${e.column}`)}\u00a0— ${text}` : text;
}

const cellsOf = (c: Partial<Record<string, string>>) => ({
  tag: c.tag ?? "", name: c.name ?? "", type: c.type ?? "", owner: c.owner ?? "", status: c.status ?? "", warrantyEnd: c.warranty_end ?? "",
});

export function presentPreview(p: ImportPreview, t: Translate) {
  const bad = p.lines.filter((l) => !l.asset);
  const good = p.lines.filter((l) => l.asset);
  return {
    separator: p.separator === ";" ? t("assetImport.separator_semicolon") : t("assetImport.separator_comma"),
    ignored: p.ignored, total: p.lines.length, valid: p.valid, invalid: p.invalid,
    errorLines: bad.slice(0, PREVIEW_ERRORS_SHOWN).map((l) => ({ line: l.line, ...cellsOf(l.cells), errors: l.errors.map((e) => lineErrorText(e, t)) })),
    errorsHidden: Math.max(0, bad.length - PREVIEW_ERRORS_SHOWN),
    validLines: good.slice(0, PREVIEW_VALID_SHOWN).map((l) => ({
      line: l.line, ...cellsOf(l.cells), tag: l.asset!.tag, status: t(`assets.status.${l.asset!.status}`), owner: l.asset!.ownerName ?? "",
    })),
    validHidden: Math.max(0, good.length - PREVIEW_VALID_SHOWN),
  };
}

export function presentReport(r: ImportReport, t: Translate) {
  return {
    createdCount: r.created.length, skippedCount: r.skipped.length,
    created: r.created.slice(0, REPORT_CREATED_SHOWN), createdHidden: Math.max(0, r.created.length - REPORT_CREATED_SHOWN),
    skipped: r.skipped.slice(0, PREVIEW_ERRORS_SHOWN).map((s) => ({ line: s.line, tag: s.tag, errors: s.errors.map((e) => lineErrorText(e, t)) })),
    skippedHidden: Math.max(0, r.skipped.length - PREVIEW_ERRORS_SHOWN),
  };
}
