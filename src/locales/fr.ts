import { core } from "./fr/core";
import { admin } from "./fr/admin";
import { directory } from "./fr/directory";
import type { Shape } from "./shape";
import type { en } from "./en";

export const fr: Shape<typeof en> = { ...core, admin, directory };
