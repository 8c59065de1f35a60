/** English strings of the notifications (bell, list, preferences, notice texts). fr/notifications.ts must have the same keys. */
export const notifications = {
  title: "Notifications",
};
