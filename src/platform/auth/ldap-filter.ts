import { FilterParser } from "ldapts";

/** RFC 4515: the backslash first, then the characters that mean something in a filter. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Parentheses that open and close in order, the first one closing at the very end (one filter). */
function balanced(filter: string): boolean {
  let depth = 0;
  for (let i = 0; i < filter.length; i++) {
    if (filter[i] === "(") depth++;
    else if (filter[i] === ")" && --depth === 0 && i !== filter.length - 1) return false;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/**
 * A filter both LDAP clients accept: one parenthesised filter with balanced parentheses
 * (a stray one makes the sign-in library throw where nothing can catch it) that parses.
 * Values inside are escaped, so every literal parenthesis is structure.
 */
export function isValidFilter(filter: string): boolean {
  if (!filter.startsWith("(") || !balanced(filter)) return false;
  try {
    FilterParser.parseString(filter);
    return true;
  } catch {
    return false;
  }
}
