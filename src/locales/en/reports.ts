// The dashboard and the KPI API (the figures' definitions are in modules/reporting/definitions.ts).
export const reports = {
  errors: {
    date: "Enter a date as YYYY-MM-DD.",
    order: "The end of the period comes before its start.",
    too_long: "A period covers at most 366 days.",
  },
};
