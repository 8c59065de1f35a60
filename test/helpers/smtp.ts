/**
 * A real SMTP server for the tests (ARCHITECTURE.md §9: real components): the smtp-server
 * package on a free port of 127.0.0.1, every message parsed with mailparser.
 *
 * Plain SMTP without STARTTLS (nothing leaves the machine). stop() closes the port and
 * start() opens it again on the same one, for "the mail server is down". Recipients can be
 * refused for good (550), and credentials can be required.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type { Deps } from "../../src/platform/deps";
import type { MailConfig } from "../../src/platform/config";
import { invalidateReference } from "../../src/platform/db/reference-cache";
import { resetDb, testContext, type TestContext } from "./context";

export interface ReceivedMail {
  /** The SMTP envelope: MAIL FROM and RCPT TO. */
  envelope: { from: string; to: string[] };
  /** The user name the client signed in with, if it did. */
  user: string | null;
  parsed: ParsedMail;
  raw: string;
}

export interface SmtpServer {
  host: string;
  port: number;
  /** Every message accepted so far, in order. */
  readonly messages: ReceivedMail[];
  /** Recipients refused with a 550 (permanent) at RCPT TO. */
  readonly rejected: Set<string>;
  running(): boolean;
  /** Resolves once at least `count` messages have arrived; rejects after timeoutMs. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  clear(): void;
  /** Closes the port (connections are refused until start()). */
  stop(): Promise<void>;
  /** Listens again on the same port (no-op when running). */
  start(): Promise<void>;
}

export interface SmtpOptions {
  /** Credentials the server requires; without them any client may send. */
  auth?: { user: string; password: string };
}

export async function startSmtp(opts: SmtpOptions = {}): Promise<SmtpServer> {
  const messages: ReceivedMail[] = [];
  const rejected = new Set<string>();
  const waiters: (() => void)[] = [];
  let server: SMTPServer | null = null;
  let port = 0;

  const create = () => new SMTPServer({
    logger: false, disabledCommands: opts.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"], authOptional: !opts.auth, allowInsecureAuth: true,
    closeTimeout: 500, size: 10 * 1024 * 1024,
    onAuth(auth, _session, cb) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.password) return cb(null, { user: auth.username });
      cb(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (rejected.has(address.address.toLowerCase())) return cb(Object.assign(new Error("No such user here"), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then((parsed) => {
          messages.push({
            envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address) },
            user: typeof session.user === "string" ? session.user : null, parsed, raw: raw.toString("utf8"),
          });
          for (const w of waiters.splice(0)) w();
          cb();
        }, (err: Error) => cb(err));
      });
    },
  });

  const listen = (s: SMTPServer, p: number) => new Promise<number>((resolve, reject) => {
    s.server.once("error", reject);
    s.listen(p, "127.0.0.1", () => {
      s.server.off("error", reject);
      resolve((s.server.address() as AddressInfo).port);
    });
  });

  server = create();
  port = await listen(server, 0);

  return {
    host: "127.0.0.1",
    get port() {
      return port;
    },
    messages, rejected,
    running: () => server !== null,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} messages at the SMTP server, got ${messages.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return messages;
    },
    clear() {
      messages.length = 0;
      rejected.clear();
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async start() {
      if (server) return;
      const s = create();
      await listen(s, port);
      server = s;
    },
  };
}

/**
 * Points the app at the test server (the shared test config is changed in place: keep what
 * the function returned by saveMail() needs). No admin override is involved.
 */
export function configureMail(deps: Deps, smtp: Pick<SmtpServer, "host" | "port">, over: Partial<MailConfig> = {}): void {
  Object.assign(deps.config.mail, { host: smtp.host, port: smtp.port, secure: false, user: "", password: "", tlsCaFile: "", ...over });
  invalidateReference(deps.db);
}

/** Mail off: no host, as a fresh install. */
export function mailOff(deps: Deps): void {
  Object.assign(deps.config.mail, { host: "" });
  invalidateReference(deps.db);
}

export function saveMail(deps: Deps): () => void {
  const saved = { ...deps.config.mail };
  return () => {
    Object.assign(deps.config.mail, saved);
    invalidateReference(deps.db);
  };
}

/**
 * The hooks every mail suite needs: one SMTP server and the shared app for the file, an
 * empty database, a running server with an empty inbox and mail pointed at it before each
 * test, the configuration put back after. Read `ctx` and `smtp` inside the tests.
 */
export function smtpSuite(over: Partial<MailConfig> = {}): { readonly ctx: TestContext; readonly smtp: SmtpServer } {
  let ctx: TestContext | undefined;
  let smtp: SmtpServer | undefined;
  let restore: () => void = () => undefined;
  before(async () => {
    ctx = await testContext();
    smtp = await startSmtp();
    restore = saveMail(ctx.deps);
  });
  beforeEach(async () => {
    await resetDb(ctx!);
    await smtp!.start();
    smtp!.clear();
    configureMail(ctx!.deps, smtp!, over);
  });
  after(async () => {
    restore();
    await smtp?.stop();
  });
  return {
    get ctx() {
      return ctx!;
    },
    get smtp() {
      return smtp!;
    },
  };
}
