export { TicketKpiFacts, TicketSurvey, ReportWatermark } from "./reporting.entity";
export { refreshKpiFacts, kpiFactsJob, factsAsOf, KPI_FACTS_JOB } from "./jobs/kpi-facts";
export { loadDashboard, type Dashboard, type DashboardInput } from "./queries/dashboard";
export { kpisOf, headlineFigures, type Kpi } from "./kpis";
export { KPI_DEFINITIONS, KPI_NAMES, definitionOf, type KpiName, type KpiUnit } from "./definitions";
