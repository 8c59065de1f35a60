import { core } from "./en/core";
import { admin } from "./en/admin";

export const en = { ...core, admin };
