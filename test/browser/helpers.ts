import fs from "node:fs";
import { expect } from "chai";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { resetDb, testContext, type TestContext } from "../helpers/context";
import { PASSWORD } from "../factories";
import { en } from "../../src/locales/en";
import { fr } from "../../src/locales/fr";

export const CHROMIUM = "/usr/bin/chromium";
export const SCREENSHOTS = path.join(__dirname, "screenshots");
// the failure screenshots of an earlier run would only mislead
if (fs.existsSync(SCREENSHOTS)) for (const f of fs.readdirSync(SCREENSHOTS)) if (f.startsWith("FAILED-")) fs.rmSync(path.join(SCREENSHOTS, f));
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export type Lang = "en" | "fr";
export type Strings = typeof en;
/** The UI strings the app renders, so a test selects by the same words a person reads. */
export const STRINGS: Record<Lang, Strings> = { en, fr: fr as Strings };
/** The footer switch buttons, always in their own language. */
export const LANGUAGE_BUTTON: Record<Lang, string> = { en: "English", fr: "Français" };

/** i18next-style interpolation of "{{name}}" placeholders. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(vars[k] ?? ""));
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * In before(): skip the suite with a printed reason when chromium is missing,
 * except on CI, where a missing tool is a failure.
 */
export function requireChromium(suite: Mocha.Context): void {
  if (fs.existsSync(CHROMIUM)) return;
  const reason = `browser tests need ${CHROMIUM} (apt-get install chromium)`;
  if (process.env.CI === "true") throw new Error(`${reason}: missing on CI`);
  console.log(`      skipped: ${reason}`);
  suite.skip();
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 20_000,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export interface Server {
  baseUrl: string;
  ctx: TestContext;
  close(): Promise<void>;
}

/** The app of testContext() on a random port of 127.0.0.1. */
export async function startServer(): Promise<Server> {
  const ctx = await testContext();
  const server = http.createServer(ctx.app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    ctx,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * Everything that went wrong in the pages of one browser context: console errors, uncaught
 * exceptions, CSP violations (reported by the page itself), failed sub-resources.
 * A document status the test asked for (a 422 form, an expected 404) is not a problem.
 */
export class PageProblems {
  /** message -> the pages it happened on */
  private readonly seen = new Map<string, Set<string>>();
  private readonly expectedDocs = new Map<string, number>();
  private readonly docStatus = new Map<string, number>();

  private constructor(readonly context: BrowserContext) {}

  static async watch(context: BrowserContext): Promise<PageProblems> {
    const w = new PageProblems(context);
    await context.exposeBinding("__niveauCspViolation", ({ page }, detail: string) => {
      w.add(`CSP violation: ${detail}`, page);
    });
    // Runs before any page script and is not subject to the page's CSP (a string: tsconfig has no DOM lib).
    await context.addInitScript({
      content: `document.addEventListener("securitypolicyviolation", (e) => {
        window.__niveauCspViolation(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " (" + e.sourceFile + ":" + e.lineNumber + ")");
      });`,
    });
    context.on("page", (page) => w.attach(page));
    for (const p of context.pages()) w.attach(p);
    return w;
  }

  /** One line per distinct problem, with the pages it happened on. */
  get problems(): string[] {
    return [...this.seen].map(([message, pages]) => `${message}\n        on ${[...pages].join(", ")}`);
  }

  private add(message: string, page: Page): void {
    const at = new URL(page.url()).pathname;
    const base = new URL(page.url()).origin;
    const key = message.split(base).join("");
    this.seen.set(key, (this.seen.get(key) ?? new Set()).add(at));
  }

  /** The next document at a URL ending with `pathSuffix` is expected to answer `status`. */
  expectDocument(pathSuffix: string, status: number): void {
    this.expectedDocs.set(pathSuffix, status);
  }

  private allowed(url: string, status: number): boolean {
    for (const [suffix, want] of this.expectedDocs) if (want === status && new URL(url).pathname.endsWith(suffix)) return true;
    return false;
  }

  private attach(page: Page): void {
    page.on("response", (res) => {
      const req = res.request();
      if (req.isNavigationRequest() && req.frame() === page.mainFrame()) this.docStatus.set(res.url(), res.status());
      else if (res.status() >= 400) this.add(`HTTP ${res.status()} for ${req.resourceType()} ${res.url()}`, page);
    });
    page.on("requestfailed", (req) => {
      const why = req.failure()?.errorText ?? "?";
      // a load cancelled because the page moved on (a click, a redirect) is not a failure
      if (why === "net::ERR_ABORTED") return;
      this.add(`request failed: ${req.url()} (${why})`, page);
    });
    page.on("pageerror", (err) => this.add(`page error: ${err.message}`, page));
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const at = msg.location().url;
      const status = this.docStatus.get(at);
      // Chromium logs the status of a document it was told to expect (422 form, 404 page)
      if (status && /^Failed to load resource: the server responded with a status of \d+/.test(msg.text()) && this.allowed(at, status)) return;
      this.add(`console error: ${msg.text()}${at ? ` (${at})` : ""}`, page);
    });
  }
}

export interface Session {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

/**
 * A fresh browser context (cookies of its own) with its problems watched. The browser's own
 * language (Accept-Language, native widgets) is English unless told otherwise.
 */
export async function openSession(browser: Browser, baseUrl: string, viewport = DESKTOP, browserLang: Lang = "en"): Promise<Session> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: browserLang === "fr" ? "fr-FR" : "en-GB" });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const problems = await PageProblems.watch(context);
  const page = await context.newPage();
  return { context, page, problems };
}

/** Signs in through the login form, switching the language first with the footer buttons. */
export async function signIn(s: Session, username: string, lang: Lang, password = PASSWORD): Promise<void> {
  const L = STRINGS[lang];
  const { page } = s;
  await page.goto("/login");
  const switcher = page.getByRole("contentinfo").getByRole("button", { name: LANGUAGE_BUTTON[lang], exact: true });
  if ((await switcher.getAttribute("aria-pressed")) !== "true") {
    await switcher.click();
    await page.waitForURL(/\/login$/);
  }
  await page.getByRole("heading", { level: 1, name: L.auth.heading }).waitFor();
  await page.getByLabel(L.auth.username, { exact: true }).fill(username);
  await page.getByLabel(L.auth.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: L.auth.submit, exact: true }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}

/**
 * French typography of the visible text: a non-breaking space (U+00A0 or U+202F) before
 * : ; ? ! » and after «. Returns the offending snippets.
 */
export async function frenchTypographyIssues(page: Page): Promise<string[]> {
  const text = await page.locator("body").innerText();
  const issues: string[] = [];
  const bad = [/(?:^|[^\u00a0\u202f\s])[:;?!»](?=\s|$)/gmu, / [:;?!»]/g, /«(?![\u00a0\u202f])/g];
  for (const re of bad) {
    for (const m of text.matchAll(re)) issues.push(JSON.stringify(text.slice(Math.max(0, m.index - 25), m.index + 10)));
  }
  return issues;
}

/**
 * A full-page screenshot kept as a test artefact (test/browser/screenshots is git-ignored).
 * A French page is also checked for French typography on the way.
 */
export async function screenshot(page: Page, name: string, lang?: Lang): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  if (lang === "fr") expect(await frenchTypographyIssues(page), `French typography of ${name}`).to.deep.equal([]);
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
  return file;
}

export interface BrowserSuite {
  readonly server: Server;
  readonly browser: Browser;
  /** A new signed-out user session (own cookies), closed after the test. */
  open(viewport?: { width: number; height: number }, browserLang?: Lang): Promise<Session>;
  /** Closes the test's sessions and fails on any console error, page error or CSP violation seen. */
  finish(): Promise<void>;
}

/**
 * Hooks of a browser test file: skip without chromium (fail on CI), a fresh database, the app
 * on a random port, one browser for the file, sessions closed after each test.
 */
export function browserSuite(): BrowserSuite {
  let server: Server | undefined;
  let browser: Browser | undefined;
  const sessions: Session[] = [];
  const closeAll = () => Promise.all(sessions.splice(0).map((s) => s.context.close()));

  before(async function () {
    requireChromium(this);
    server = await startServer();
    await resetDb(server.ctx);
    browser = await launchBrowser();
  });
  afterEach(async function () {
    if (this.currentTest?.state === "failed") {
      // what each person was looking at when the test failed
      const title = (this.currentTest.fullTitle() ?? "test").replace(/[^\w-]+/g, "-").slice(0, 60);
      for (const [i, s] of sessions.entries()) {
        const file = await screenshot(s.page, `FAILED-${title}-${i + 1}`).catch(() => "(no screenshot)");
        console.log(`      session ${i + 1} was on ${s.page.url()}: ${file}`);
      }
    }
    await closeAll();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    get server() {
      if (!server) throw new Error("browserSuite: before() has not run");
      return server;
    },
    get browser() {
      if (!browser) throw new Error("browserSuite: before() has not run");
      return browser;
    },
    async open(viewport = DESKTOP, browserLang: Lang = "en") {
      const s = await openSession(this.browser, this.server.baseUrl, viewport, browserLang);
      sessions.push(s);
      return s;
    },
    async finish() {
      const problems = sessions.flatMap((s) => s.problems.problems);
      await closeAll();
      if (problems.length) throw new Error(`console errors, page errors or CSP violations:\n${problems.join("\n")}`);
    },
  };
}

/** Text as compared: any run of white space (the non-breaking ones of French typography too) as one space. */
export function squash(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** The status badge in the page's main content carries the status as text, not only as colour. */
export async function expectStatus(page: Page, lang: Lang, status: keyof Strings["status"]): Promise<void> {
  const badge = page.getByRole("main").locator(`.status-${status}`).first();
  await badge.waitFor();
  expect((await badge.textContent())?.trim()).to.equal(STRINGS[lang].status[status]);
}

/** The flash message after a POST-redirect (role=status). */
export async function expectFlash(page: Page, text: string): Promise<void> {
  await page.getByRole("status").filter({ hasText: text }).waitFor();
}

/** Opens a <details> action form in the agent ticket page's side column by its <summary>. */
export async function openAction(page: Page, summary: string): Promise<void> {
  await page.getByRole("complementary").locator("summary", { hasText: summary }).click();
}

/** A field error is visible and announced with its input (aria-invalid, aria-describedby). */
export async function expectAccessibleError(page: Page, field: string): Promise<void> {
  const input = page.locator(`#${field}`);
  expect(await input.getAttribute("aria-invalid")).to.equal("true");
  const describedBy = (await input.getAttribute("aria-describedby")) ?? "";
  expect(describedBy.split(/\s+/)).to.include(`${field}-error`);
  const error = page.locator(`#${field}-error`);
  expect(squash((await error.textContent()) ?? "")).to.not.equal("");
  expect(await error.isVisible()).to.equal(true);
}
