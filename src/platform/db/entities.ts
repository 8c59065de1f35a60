import { User } from "../../modules/users/user.entity";
import { SupportGroup, GroupMember } from "../../modules/users/group.entity";
import { ApiToken } from "../../modules/users/api-token.entity";
import { Ticket } from "../../modules/tickets/ticket.entity";
import { TicketComment } from "../../modules/tickets/comment.entity";
import { TicketHistory } from "../../modules/tickets/history.entity";
import { TicketAttachment } from "../../modules/tickets/attachment.entity";
import { Category } from "../../modules/tickets/category.entity";
import { TicketPresence } from "../../modules/tickets/presence.entity";
import { TicketLink, TicketWatcher } from "../../modules/tickets/link.entity";
import { AuditEntry } from "../../modules/admin/audit.entity";
import { Setting } from "./setting.entity";
import { SessionRow } from "./session.entity";
import { JobRunRow } from "../jobs/job-run.entity";
import { JobLockRow } from "../jobs/job-lock.entity";
import { DirectoryMapping, DirectoryMappingGroup } from "../../modules/directory/mapping.entity";
import { SlaCalendar, SlaHoliday, SlaPolicy, SlaSegment } from "../../modules/sla/sla.entity";
import { MailOutboxRow } from "../mail/outbox.entity";
import { Notification, NotificationMute } from "../../modules/notifications/notification.entity";
import { Problem, ProblemHistory } from "../../modules/problems/problem.entity";
import { ProblemSuggestion } from "../../modules/problems/problem-suggestion.entity";
import { Asset, AssetHistory, AssetType, TicketAsset } from "../../modules/assets/asset.entity";
import { KbArticle, KbAttachment, KbCategory, KbDeflection, KbFeedback, KbRevision, TicketKbLink } from "../../modules/kb/kb.entity";
import { ReportWatermark, TicketKpiFacts, TicketSurvey } from "../../modules/reporting/reporting.entity";
import { CatalogApproval, CatalogCategory, CatalogItem, CatalogRequest, CatalogTask } from "../../modules/catalog/catalog.entity";

export const entities = [
  User, SupportGroup, GroupMember, ApiToken, Ticket, TicketComment, TicketHistory, TicketAttachment,
  Category, TicketPresence, AuditEntry, Setting, SessionRow, JobRunRow, JobLockRow, DirectoryMapping, DirectoryMappingGroup,
  SlaCalendar, SlaHoliday, SlaPolicy, SlaSegment, MailOutboxRow, Notification, NotificationMute, Problem, ProblemHistory,
  TicketLink, TicketWatcher, ProblemSuggestion, AssetType, Asset, AssetHistory, TicketAsset,
  CatalogCategory, CatalogItem, CatalogRequest, CatalogApproval, CatalogTask,
  KbCategory, KbArticle, KbRevision, KbAttachment, KbFeedback, KbDeflection, TicketKbLink,
  TicketKpiFacts, TicketSurvey, ReportWatermark,
];
