import { hash, verify } from "@node-rs/argon2";

/** argon2id with the library's defaults (OWASP-compliant memory and time cost). */
export function hashPassword(plain: string): Promise<string> {
  return hash(plain);
}

export async function verifyPassword(stored: string | null, plain: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

// A real hash to verify against when the account does not exist, so the response time
// does not tell whether a username exists.
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  return (dummy ??= hash("not-a-real-password"));
}
