import { core } from "./en/core";
import { admin } from "./en/admin";
import { directory } from "./en/directory";

export const en = { ...core, admin, directory };
