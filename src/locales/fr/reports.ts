import type { Shape } from "../shape";
import type { reports as en } from "../en/reports";

// The dashboard and the KPI API (the figures' definitions are in modules/reporting/definitions.ts).
export const reports: Shape<typeof en> = {
  errors: {
    date: "Saisissez une date au format AAAA-MM-JJ.",
    order: "La fin de la période précède son début.",
    too_long: "Une période couvre au plus 366\u00a0jours.",
  },
};
