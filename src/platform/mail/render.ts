import fs from "node:fs";
import path from "node:path";
import ejs from "ejs";
import { ROOT } from "../config";
import { translator, type Locale } from "../i18n";
import { formatDateTime } from "../http/format";

/**
 * Email templates (views/emails/):
 *   <template>.html.ejs  the HTML body, put inside the shared _layout.html.ejs
 *   <template>.text.ejs  the plain-text body, put inside _layout.text.ejs
 *   mail.templates.<template>.subject  in src/locales/{en,fr}/mail.ts, its {{placeholders}} filled from data
 * Both bodies get the caller's data, plus t() in the recipient's language, `hello` (the
 * greeting line), `link(path)` (an absolute URL under baseUrl), `fmtDate(date)` and `locale`.
 * In the text parts `<%= %>` writes the value as is (no HTML escaping in a text mail).
 */
export const EMAIL_VIEWS = path.join(ROOT, "views", "emails");
const VIEWS_ROOT = path.join(ROOT, "views");
const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]*$/;
const SUBJECT_MAX = 300;

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface RenderInput {
  template: string;
  locale: Locale;
  data: Record<string, unknown>;
  toName: string | null;
  baseUrl: string;
  timezone: string;
}

const asText = (v: unknown) => (v == null ? "" : String(v));

function render(file: string, vars: Record<string, unknown>, format: "html" | "text"): Promise<string> {
  const options: ejs.Options & { async: false } = {
    root: VIEWS_ROOT, cache: process.env.NODE_ENV !== "development", async: false,
    ...(format === "text" ? { escape: asText } : {}),
  };
  return new Promise((resolve, reject) => {
    ejs.renderFile(file, vars, options, (err, out) => (err ? reject(err) : resolve(out)));
  });
}

/** Whether views/emails has both bodies of a template. */
export function templateExists(template: string): boolean {
  return TEMPLATE_NAME.test(template) && ["html", "text"].every((f) => fs.existsSync(path.join(EMAIL_VIEWS, `${template}.${f}.ejs`)));
}

/**
 * Subject, HTML and text of a message, in the recipient's language. A template that does
 * not exist or has no subject is a programming error: it throws.
 */
export async function renderMail(input: RenderInput): Promise<RenderedMail> {
  const { template, locale, data, toName, baseUrl, timezone } = input;
  if (!templateExists(template)) throw new Error(`No email template "${template}" (views/emails/${template}.html.ejs and .text.ejs).`);
  const t = translator(locale);
  const key = `mail.templates.${template}.subject`;
  // one line: CR, LF, tabs and runs of spaces become one space; a no-break space (French typography) stays
  const subject = t(key, data).replace(/[\r\n\t ]+/g, " ").replace(/^ | $/g, "").slice(0, SUBJECT_MAX);
  if (subject === key) throw new Error(`No subject for the email template "${template}" (${key} in src/locales/*/mail.ts).`);
  const vars: Record<string, unknown> = {
    ...data, t, locale, subject, baseUrl,
    hello: toName ? t("mail.email.hello_name", { name: toName }) : t("mail.email.hello"),
    link: (p: string) => new URL(p, baseUrl).href,
    fmtDate: (d: Date | null) => formatDateTime(d, locale, timezone),
  };
  const [htmlBody, textBody] = await Promise.all([
    render(path.join(EMAIL_VIEWS, `${template}.html.ejs`), vars, "html"),
    render(path.join(EMAIL_VIEWS, `${template}.text.ejs`), vars, "text"),
  ]);
  const html = await render(path.join(EMAIL_VIEWS, "_layout.html.ejs"), { ...vars, body: htmlBody }, "html");
  const text = await render(path.join(EMAIL_VIEWS, "_layout.text.ejs"), { ...vars, body: tidyText(textBody) }, "text");
  // the layout's own lines are kept as written ("-- " is the signature separator, space included)
  return { subject, html, text: `${text.replace(/\n{3,}/g, "\n\n").trim()}\n` };
}

/** No trailing spaces, at most one blank line in a row, one final newline. */
function tidyText(s: string): string {
  return `${s.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}
