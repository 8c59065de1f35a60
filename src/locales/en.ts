import { core } from "./en/core";
import { admin } from "./en/admin";
import { directory } from "./en/directory";
import { sla } from "./en/sla";
import { mail } from "./en/mail";
import { jobs } from "./en/jobs";
import { notifications } from "./en/notifications";
import { problems } from "./en/problems";
import { links } from "./en/links";
import { major, majorMail } from "./en/major";
import { assetImport, assetMail, assetTickets } from "./en/asset-import";
import { assets } from "./en/assets";
import { catalog } from "./en/catalog";
import { approvals, approvalsMail } from "./en/approvals";
import { kb } from "./en/kb";
import { kbDesk } from "./en/kb-desk";
import { kbProblems } from "./en/kb-problems";
import { reports } from "./en/reports";
import { surveys, surveysMail } from "./en/surveys";

// the major-incident emails keep their texts in en/major.ts, with the module's other strings
export const en = { ...core, admin, directory, sla, mail: { ...mail, templates: { ...mail.templates, ...majorMail, ...assetMail, ...approvalsMail, ...surveysMail } }, jobs, notifications, problems, links, major, assetImport, assetTickets, assets, catalog, approvals, kb, kbDesk, kbProblems, reports, surveys };
