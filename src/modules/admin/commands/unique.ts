import { QueryFailedError } from "typeorm";
import { invalid } from "../../../platform/http/errors";

/**
 * The name checks run before the write, but two admins saving the same name at once can
 * both pass them: the unique index then refuses the second, and that person should see
 * the same field error, not a 500.
 */
/** PostgreSQL's unique_violation or better-sqlite3's unique constraint code. */
export function isUniqueViolation(err: unknown): boolean {
  const code = err instanceof QueryFailedError ? (err.driverError as { code?: string }).code : undefined;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

export async function uniqueName<T>(field: string, key: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw invalid({ [field]: key }, "name_taken");
    throw err;
  }
}
