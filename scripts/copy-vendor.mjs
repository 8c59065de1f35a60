#!/usr/bin/env node
// Copies the front-end libraries from node_modules into public/vendor/, so the app serves
// them itself: intranets often have no internet access, and the CSP allows no CDN.
// Run by `npm run build` and by the test runner; public/vendor/ is not committed.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const modules = path.join(root, "node_modules");
const dest = path.join(root, "public", "vendor");

/** [source under node_modules, name under public/vendor, required?] Source maps are optional. */
const FILES = [
  ["bootstrap/dist/css/bootstrap.min.css", "bootstrap.min.css", true],
  ["bootstrap/dist/css/bootstrap.min.css.map", "bootstrap.min.css.map", false],
  ["bootstrap/dist/js/bootstrap.bundle.min.js", "bootstrap.bundle.min.js", true],
  ["bootstrap/dist/js/bootstrap.bundle.min.js.map", "bootstrap.bundle.min.js.map", false],
  ["htmx.org/dist/htmx.min.js", "htmx.min.js", true],
  ["chart.js/dist/chart.umd.min.js", "chart.umd.min.js", true],
  ["chart.js/dist/chart.umd.min.js.map", "chart.umd.min.js.map", false],
];

fs.mkdirSync(dest, { recursive: true });
const missing = [];
let copied = 0;
for (const [from, to, required] of FILES) {
  const src = path.join(modules, from);
  if (!fs.existsSync(src)) {
    if (required) missing.push(from);
    continue;
  }
  fs.copyFileSync(src, path.join(dest, to));
  copied++;
}
if (missing.length) {
  console.error(`copy-vendor: missing ${missing.join(", ")} - run "npm ci" first.`);
  process.exit(1);
}
console.log(`copy-vendor: ${copied} files copied to public/vendor/`);
