export { MailOutboxRow, MAIL_STATUSES, type MailStatus } from "./outbox.entity";
export { queueMail, queueMails, sendPending, retryDelayMs, MAIL_LEASE_MS, type OutgoingMail, type SendResult } from "./outbox";
export { outboxCounts, listOutbox, outboxMessage, retryFailed, giveUp, type OutboxItem } from "./queries";
export { mailSettings, readMailOverrides, withMailOverrides, MAIL_SETTING_KEY, MAIL_EDITABLE_FIELDS, type MailEditableField, type MailOverrides, type MailSettings } from "./settings";
export { renderMail, templateExists, type RenderedMail } from "./render";
export { mailOutboxJob, MAIL_OUTBOX_JOB } from "./job";
