/** English strings of the admin pages. fr/admin.ts must have the same keys. */
export const admin = {
  title: "Administration",
};
