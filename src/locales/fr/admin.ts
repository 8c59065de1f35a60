import type { Shape } from "../shape";
import type { admin as en } from "../en/admin";

export const admin: Shape<typeof en> = {
  title: "Administration",
};
