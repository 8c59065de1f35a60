import type { FieldErrors } from "../../platform/http/errors";
import type { CatalogItem } from "./catalog.entity";

/**
 * The admin's item form without JavaScript: the fields and tasks are repeated rows named
 * field_<n>_<input> and task_<n>_<input> (the body parser keeps flat keys only), each with
 * an order number and a "remove" box. This file turns that body into the item the schema
 * checks, and the schema's error paths ("fields.2.label") back into the row's input names.
 */
export interface FieldRow {
  index: number;
  name: string;
  label: string;
  type: string;
  required: boolean;
  help: string;
  /** choice: one option a line. */
  options: string;
  assetTypes: string[];
  order: string;
  remove: boolean;
}

export interface TaskRow {
  index: number;
  title: string;
  groupId: string;
  order: string;
  remove: boolean;
}

export interface ItemForm {
  name: string;
  description: string;
  categoryId: string;
  icon: string;
  groupId: string;
  slaPriority: string;
  approval: string;
  /** The approver's username (typed, like the user picker). */
  approver: string;
  fulfilAssetTypeId: string;
  position: string;
  active: boolean;
  version: string;
  fieldRows: FieldRow[];
  taskRows: TaskRow[];
}

type Body = Record<string, unknown>;
/** More rows than any item may keep is a hand-made body: the rest is not read. */
const MAX_ROWS = 40;

const str = (v: unknown): string => (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "");
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" && v ? [v] : []);
const ticked = (v: unknown) => ["1", "on", "true"].includes(str(v));

function rowIndexes(body: Body, prefix: "field" | "task"): number[] {
  const re = new RegExp(`^${prefix}_(\\d{1,3})_`);
  const found = new Set<number>();
  for (const k of Object.keys(body)) {
    const m = re.exec(k);
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b).slice(0, MAX_ROWS);
}

export const emptyFieldRow = (index: number): FieldRow => ({
  index, name: "", label: "", type: "text", required: false, help: "", options: "", assetTypes: [], order: String(index + 1), remove: false,
});
export const emptyTaskRow = (index: number): TaskRow => ({ index, title: "", groupId: "", order: String(index + 1), remove: false });

/** The form as typed, its rows numbered again from 0 in the order they came. */
export function readItemForm(body: Body): ItemForm {
  const fieldRows = rowIndexes(body, "field").map((n, index): FieldRow => {
    const v = (k: string) => body[`field_${n}_${k}`];
    return {
      index, name: str(v("name")).trim(), label: str(v("label")), type: str(v("type")) || "text", required: ticked(v("required")),
      help: str(v("help")), options: str(v("options")), assetTypes: list(v("assetTypes")), order: str(v("order")), remove: ticked(v("remove")),
    };
  });
  const taskRows = rowIndexes(body, "task").map((n, index): TaskRow => {
    const v = (k: string) => body[`task_${n}_${k}`];
    return { index, title: str(v("title")), groupId: str(v("groupId")), order: str(v("order")), remove: ticked(v("remove")) };
  });
  const s = (k: string) => str(body[k]);
  return {
    name: s("name"), description: s("description"), categoryId: s("categoryId"), icon: s("icon"), groupId: s("groupId"), slaPriority: s("slaPriority"),
    approval: s("approval") || "none", approver: s("approver").trim(), fulfilAssetTypeId: s("fulfilAssetTypeId"), position: s("position"),
    active: ticked(body.active), version: s("version"), fieldRows, taskRows,
  };
}

/** The form of a saved item. */
export function itemFormOf(item: CatalogItem, approverUsername: string): ItemForm {
  return {
    name: item.name, description: item.description, categoryId: item.categoryId ? String(item.categoryId) : "", icon: item.icon,
    groupId: item.groupId ? String(item.groupId) : "", slaPriority: item.slaPriority ? String(item.slaPriority) : "", approval: item.approval,
    approver: approverUsername, fulfilAssetTypeId: item.fulfilAssetTypeId ? String(item.fulfilAssetTypeId) : "", position: String(item.position),
    active: item.active, version: String(item.version),
    fieldRows: item.fields.map((f, index) => ({
      index, name: f.name, label: f.label, type: f.type, required: f.required, help: f.help ?? "", options: (f.options ?? []).join("\n"),
      assetTypes: f.assetTypes ?? [], order: String(index + 1), remove: false,
    })),
    taskRows: item.tasks.map((t, index) => ({ index, title: t.title, groupId: String(t.groupId), order: String(index + 1), remove: false })),
  };
}

/** A select's id: "" is none, digits a number; anything else stays a string for the schema to refuse. */
const id = (v: string): number | string | null => (v === "" ? null : /^\d{1,9}$/.test(v) ? Number(v) : v);
const orderOf = (r: { order: string; index: number }) => (/^-?\d{1,6}$/.test(r.order.trim()) ? Number(r.order) : Number.MAX_SAFE_INTEGER);
const byOrder = <R extends { order: string; index: number }>(a: R, b: R) => orderOf(a) - orderOf(b) || a.index - b.index;

export interface ItemCandidate {
  /** What itemSchema parses. */
  input: Record<string, unknown>;
  /** The form row of each kept field and task, in the saved order. */
  fieldRowOf: number[];
  taskRowOf: number[];
}

/** The item the form describes: removed and empty rows left out, the rest in their order. */
export function itemCandidate(form: ItemForm, approverId: number | null): ItemCandidate {
  const fields = form.fieldRows.filter((r) => !r.remove && [r.name, r.label, r.help, r.options].some((x) => x.trim())).sort(byOrder);
  const tasks = form.taskRows.filter((r) => !r.remove && r.title.trim()).sort(byOrder);
  const groupId = id(form.groupId);
  return {
    input: {
      name: form.name, description: form.description, categoryId: id(form.categoryId), icon: form.icon || undefined,
      groupId: groupId ?? undefined, slaPriority: id(form.slaPriority), approval: form.approval, approverId,
      fulfilAssetTypeId: id(form.fulfilAssetTypeId), active: form.active, position: form.position.trim() ? id(form.position.trim()) : 0,
      fields: fields.map((r) => ({
        name: r.name, label: r.label, type: r.type, required: r.required, help: r.help,
        options: r.options.split(/\r?\n/).map((o) => o.trim()).filter(Boolean), assetTypes: r.assetTypes,
      })),
      tasks: tasks.map((r) => ({ title: r.title, groupId: id(r.groupId) ?? undefined })),
    },
    fieldRowOf: fields.map((r) => r.index),
    taskRowOf: tasks.map((r) => r.index),
  };
}

/** The schema's and the command's error paths as the form's input names ("fields.2.options.0" -> "field_5_options"). */
export function formErrors(fields: FieldErrors, c: ItemCandidate): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, key] of Object.entries(fields)) {
    const [head, n, prop] = path.split(".");
    let name = path;
    if ((head === "fields" || head === "tasks") && n !== undefined && /^\d+$/.test(n)) {
      const row = (head === "fields" ? c.fieldRowOf : c.taskRowOf)[Number(n)];
      name = `${head === "fields" ? "field" : "task"}_${row}_${prop ?? (head === "fields" ? "name" : "title")}`;
    } else if (path === "approverId") name = "approver";
    out[name] ??= key;
  }
  return out;
}
