/** 16x16 icons as constant inline SVG (no icon font, no emoji font needed; never user data). */
const PATHS: Record<string, string> = {
  lock: "M4 7V5a4 4 0 1 1 8 0v2h1a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h1zm2 0h4V5a2 2 0 1 0-4 0v2z",
  mail: "M1 3h14a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H1a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zm0 1.5V12h14V4.5L8 9 1 4.5z",
  clip: "M3 1h6l4 4v10H3V1zm6 1.5V5h2.5L9 2.5z",
  eye: "M8 3C4 3 1 8 1 8s3 5 7 5 7-5 7-5-3-5-7-5zm0 8a3 3 0 1 1 0-6 3 3 0 0 1 0 6z",
};

const SVG = new Map(Object.entries(PATHS).map(([name, d]) => [
  name,
  `<svg class="icon" width="1em" height="1em" viewBox="0 0 16 16" fill="currentColor" aria-hidden="true" focusable="false"><path d="${d}"/></svg>`,
]));

export function icon(name: string): string {
  return SVG.get(name) ?? "";
}
