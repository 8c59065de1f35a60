import { core } from "./en/core";
import { admin } from "./en/admin";
import { directory } from "./en/directory";
import { sla } from "./en/sla";
import { mail } from "./en/mail";
import { jobs } from "./en/jobs";
import { notifications } from "./en/notifications";
import { problems } from "./en/problems";

export const en = { ...core, admin, directory, sla, mail, jobs, notifications, problems };
