import { core } from "./fr/core";
import { admin } from "./fr/admin";
import { directory } from "./fr/directory";
import { sla } from "./fr/sla";
import { mail } from "./fr/mail";
import { jobs } from "./fr/jobs";
import { notifications } from "./fr/notifications";
import { problems } from "./fr/problems";
import { links } from "./fr/links";
import { major, majorMail } from "./fr/major";
import { assetImport, assetMail, assetTickets } from "./fr/asset-import";
import { assets } from "./fr/assets";
import { catalog } from "./fr/catalog";
import { approvals, approvalsMail } from "./fr/approvals";
import { kb } from "./fr/kb";
import { kbDesk } from "./fr/kb-desk";
import { kbProblems } from "./fr/kb-problems";
import { reports } from "./fr/reports";
import { surveys, surveysMail } from "./fr/surveys";
import type { Shape } from "./shape";
import type { en } from "./en";

export const fr: Shape<typeof en> = {
  ...core, admin, directory, sla, mail: { ...mail, templates: { ...mail.templates, ...majorMail, ...assetMail, ...approvalsMail, ...surveysMail } }, jobs, notifications, problems, links, major, assetImport, assetTickets, assets, catalog, approvals, kb, kbDesk, kbProblems, reports, surveys,
};
