import type { Shape } from "../shape";
import type { notifications as en } from "../en/notifications";

/** French strings of the notifications: the same keys as en/notifications.ts. */
export const notifications: Shape<typeof en> = {
  title: "Notifications",
};
