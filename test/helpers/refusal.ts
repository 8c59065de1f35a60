import { AppError } from "../../src/platform/http/errors";

/** The refusal a promise ends with (fails the test if it succeeds or throws something else). */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}
