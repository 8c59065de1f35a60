export { TicketKpiFacts, TicketSurvey, ReportWatermark } from "./reporting.entity";
export { refreshKpiFacts, kpiFactsJob, factsAsOf, KPI_FACTS_JOB } from "./jobs/kpi-facts";
export { loadDashboard, type Dashboard, type DashboardInput } from "./queries/dashboard";
export { kpisOf, headlineFigures, type Kpi } from "./kpis";
export { KPI_DEFINITIONS, KPI_NAMES, definitionOf, type KpiName, type KpiUnit } from "./definitions";
export { surveyPanel, surveyByLink, type SurveyPanel } from "./queries/survey";
export { answerSurvey } from "./commands/answer-survey";
export { surveyToken, checkSurveyToken } from "./survey-token";
export { reportTables, tableCsv, TABLE_IDS, isTableId, type ReportTable, type ReportColumn, type TableId } from "./report-tables";
