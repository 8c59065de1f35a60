export type { JobContext, JobDefinition, JobOutcome, JobResult, JobTrigger } from "./job";
export { JobRunRow } from "./job-run.entity";
export { JobLockRow } from "./job-lock.entity";
export { acquireLock, renewLock, releaseLock, lockOwner, LOCK_LEASE_MS, LOCK_HEARTBEAT_MS } from "./lock";
export { runJob, capReport, JOB_RUNNING, REPORT_MAX_BYTES, type RunJobOptions } from "./run-job";
export { lastRun, lastRuns } from "./queries";
export { jobSchedule, nextRun, checkDefinitions } from "./schedule";
export { Scheduler } from "./scheduler";
