/** Keyset cursors: the sort values of the last row, opaque to clients. */
export function encodeCursor(values: (number | string)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, length: number): number[] | null {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === length && v.every((x) => typeof x === "number" && Number.isFinite(x))) return v as number[];
  } catch {
    // a bad cursor is treated as the first page
  }
  return null;
}
