import { core } from "./fr/core";
import { admin } from "./fr/admin";
import { directory } from "./fr/directory";
import { sla } from "./fr/sla";
import { mail } from "./fr/mail";
import { jobs } from "./fr/jobs";
import { notifications } from "./fr/notifications";
import { problems } from "./fr/problems";
import type { Shape } from "./shape";
import type { en } from "./en";

export const fr: Shape<typeof en> = { ...core, admin, directory, sla, mail, jobs, notifications, problems };
