import type { Budget, ScenarioResult } from "./scenarios";

export function budgetText(b: Budget | null): string {
  if (!b) return "-";
  const parts = [
    b.minRps !== undefined ? `>= ${b.minRps} req/s` : "", b.maxP50Ms !== undefined ? `p50 <= ${b.maxP50Ms} ms` : "", b.maxP99Ms !== undefined ? `p99 <= ${b.maxP99Ms} ms` : "",
  ];
  return parts.filter(Boolean).join(", ");
}

function verdict(r: ScenarioResult): string {
  if (r.ok === null) return "(report)";
  return r.ok ? "OK" : "FAIL";
}

/** The results as a plain-text table (no colours: it often ends up in a CI log or an issue). */
export function table(results: ScenarioResult[]): string {
  const head = ["scenario", "req/s", "p50 ms", "p99 ms", "errors", "budget", "OK/FAIL", "server CPU ms/req", "server cores"];
  const rows = results.map((r) => [
    `${r.name}: ${r.label}`, r.rps.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1), String(r.errors), budgetText(r.budget), verdict(r),
    r.cpuMsPerRequest === null ? "-" : r.cpuMsPerRequest.toFixed(2), r.serverCores === null ? "-" : r.serverCores.toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const right = new Set([1, 2, 3, 4, 7, 8]);
  const line = (cells: string[]) => `| ${cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ")} |`;
  const sep = `|${widths.map((w, i) => (right.has(i) ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  const out = [line(head), sep, ...rows.map(line)];
  for (const r of results) if (r.errors) out.push(`  ${r.name}: ${r.errors} error(s): ${r.errorDetail}`);
  out.push("  OK = budget met and no errors (an error is any status other than the expected 200, or 303 for the creation).");
  out.push("  server CPU ms/req = user + system CPU of the server process per request, whatever else the machine runs;");
  out.push("  1000 / it is roughly what one core could serve (the server is one Node process).");
  return out.join("\n");
}
