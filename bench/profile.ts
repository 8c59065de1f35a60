import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../src/platform/config";

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Self time by function, as a share of all samples (idle included). */
  functions: { name: string; where: string; ms: number; pct: number }[];
  /** Self time by package or source folder. */
  packages: { name: string; ms: number; pct: number }[];
  /** Time spent in the app's own functions and what they called (an async function counts only up to its first await). */
  appInclusive: { name: string; where: string; ms: number; pct: number }[];
}

/** node_modules/<pkg>, src/<area>/..., node:internal, (program), (garbage collector) ... */
function owner(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  if (url.startsWith("node:")) return "node internals";
  const rel = path.relative(ROOT, url.replace(/^file:\/\//, ""));
  return rel.startsWith("..") ? url : rel.split(path.sep).slice(0, 3).join("/");
}

/** Self time of a .cpuprofile written by `node --cpu-prof`, by function and by package. */
export function summariseProfile(file: string, top = 15): ProfileSummary {
  const prof = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const dt = prof.timeDeltas[i] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
    total += dt;
  });
  const fns = new Map<string, { name: string; where: string; us: number }>();
  const pkgs = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    const name = functionName || "(anonymous)";
    const where = url ? `${url.replace(/^file:\/\//, "").replace(`${ROOT}/`, "")}:${lineNumber + 1}:${columnNumber + 1}` : "";
    const key = `${name}@${where}`;
    const f = fns.get(key) ?? { name, where, us: 0 };
    f.us += us;
    fns.set(key, f);
    const p = owner(url, name);
    pkgs.set(p, (pkgs.get(p) ?? 0) + us);
  }
  const pct = (us: number) => (total ? (100 * us) / total : 0);
  // inclusive time: self time of the node and of everything below it
  const inclusive = new Map<number, number>();
  const incl = (id: number): number => {
    const known = inclusive.get(id);
    if (known !== undefined) return known;
    const n = byId.get(id);
    const v = (selfUs.get(id) ?? 0) + (n?.children ?? []).reduce((sum, c) => sum + incl(c), 0);
    inclusive.set(id, v);
    return v;
  };
  const app = new Map<string, { name: string; where: string; us: number }>();
  for (const n of prof.nodes) {
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    const file = url.replace(/^file:\/\//, "");
    if (!file.startsWith(`${ROOT}/src/`) && !file.startsWith(`${ROOT}/dist/src/`)) continue;
    // tsx puts a whole module on one line: the column tells the functions apart
    const where = `${file.replace(`${ROOT}/`, "")}:${lineNumber + 1}:${columnNumber + 1}`;
    const key = `${functionName}@${where}`;
    const a = app.get(key) ?? { name: functionName || "(anonymous)", where, us: 0 };
    a.us += incl(n.id);
    app.set(key, a);
  }
  return {
    file,
    totalMs: total / 1000,
    functions: [...fns.values()].sort((a, b) => b.us - a.us).slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, ms: f.us / 1000, pct: pct(f.us) })),
    packages: [...pkgs].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, ms: us / 1000, pct: pct(us) })),
    appInclusive: [...app.values()].sort((a, b) => b.us - a.us).slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, ms: f.us / 1000, pct: pct(f.us) })),
  };
}

export function formatProfile(s: ProfileSummary): string {
  const lines = [`CPU profile of the server (${(s.totalMs / 1000).toFixed(1)} s sampled): ${s.file}`, "  self time by package / folder:"];
  for (const p of s.packages) lines.push(`    ${p.pct.toFixed(1).padStart(5)} %  ${p.name}`);
  lines.push("  self time by function:");
  for (const f of s.functions) lines.push(`    ${f.pct.toFixed(1).padStart(5)} %  ${f.name}  ${f.where}`);
  lines.push("  the app's functions, inclusive (synchronous part):");
  for (const f of s.appInclusive) lines.push(`    ${f.pct.toFixed(1).padStart(5)} %  ${f.name}  ${f.where}`);
  return lines.join("\n");
}
