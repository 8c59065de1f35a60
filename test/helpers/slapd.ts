/**
 * A real, private OpenLDAP server for the tests (ARCHITECTURE.md §9: real components).
 *
 * startSlapd() makes a temp folder with a slapd.conf, a CA and a server certificate made with
 * the openssl CLI, loads test/fixtures/ldap/directory.ldif with slapadd, and runs slapd in the
 * foreground on two free ports of 127.0.0.1 (ldap:// with StartTLS, and ldaps://).
 *
 * The directory follows what the app must live with: a read-only service account that reads
 * everything but passwords, anonymous binds that can only authenticate, and a 500-entry size
 * limit that only paged searches go past. The rootdn (adminDn) changes the data for the tests.
 *
 * Without slapd (Debian: apt-get install slapd ldap-utils) the LDAP tests skip with a printed
 * reason, except with CI=true, where a missing tool is a failure.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";

export interface Slapd {
  /** ldap://127.0.0.1:PORT (plain, StartTLS available) */
  url: string;
  /** ldaps://127.0.0.1:PORT2 (TLS from the first byte) */
  ldapsUrl: string;
  /** PEM file of the CA that signed the server certificate (SAN IP:127.0.0.1, DNS:localhost) */
  caFile: string;
  port: number;
  baseDn: string;
  serviceDn: string;
  servicePassword: string;
  /** the rootdn: no ACL and no size limit applies to it */
  adminDn: string;
  adminPassword: string;
  /** Stops the server and waits until its ports are closed; data and ports are kept ("directory down"). */
  stop(): Promise<void>;
  /** Starts it again on the same ports with the same data (no-op when running). */
  start(): Promise<void>;
  /** Stops the server and removes its temp folder. */
  destroy(): Promise<void>;
  /** `ldapmodify -a` as the rootdn: records without changetype are adds; changetype add/modify/delete/modrdn work. */
  apply(ldif: string): Promise<void>;
  /** `ldapdelete` as the rootdn; with `{ recursive: true }` the whole subtree (`ldapdelete -r`). */
  remove(dn: string, options?: { recursive?: boolean }): Promise<void>;
}

export const LDAP_FIXTURE_LDIF = path.join(__dirname, "..", "fixtures", "ldap", "directory.ldif");

const BASE_DN = "dc=niveau,dc=test";
const ADMIN_DN = `cn=admin,${BASE_DN}`;
const ADMIN_PASSWORD = "admin-secret";
const SERVICE_DN = `cn=niveau-reader,ou=services,${BASE_DN}`;
const SERVICE_PASSWORD = "reader-secret";
/** Debian's places (slapd and ldap-utils packages) */
const SBIN_DIRS = ["/usr/sbin"];
const MODULE_DIR = "/usr/lib/ldap";
const SCHEMA_DIR = "/etc/ldap/schema";
const SCHEMAS = ["core", "cosine", "inetorgperson"];
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const TOOL_TIMEOUT_MS = 30_000;
const LOG_LIMIT = 64 * 1024;

/** The LDAP client tools must not read ~/.ldaprc or /etc/ldap/ldap.conf (a BINDDN or SASL default there would change what they do). */
const TOOL_ENV = { ...process.env, LDAPNOINIT: "1" };

interface Tools {
  slapd: string;
  slapadd: string;
  ldapmodify: string;
  ldapdelete: string;
  ldapwhoami: string;
  openssl: string;
}

function which(name: string, extraDirs: string[] = []): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not there
    }
  }
  return null;
}

/** The tools, or why LDAP tests cannot run. */
function findTools(): Tools | string {
  const slapd = which("slapd", SBIN_DIRS);
  // slapadd is a link to slapd (its tool mode), installed next to it
  const slapadd = slapd ? which("slapadd", [path.dirname(slapd), ...SBIN_DIRS]) : null;
  const ldapmodify = which("ldapmodify");
  const ldapdelete = which("ldapdelete");
  const ldapwhoami = which("ldapwhoami");
  const schemas = SCHEMAS.every((s) => fs.existsSync(path.join(SCHEMA_DIR, `${s}.schema`)));
  if (!slapd || !slapadd || !ldapmodify || !ldapdelete || !ldapwhoami || !schemas) {
    const missing = [
      !slapd ? "slapd" : !slapadd && "slapadd",
      !schemas && `the schemas in ${SCHEMA_DIR}`,
      !(ldapmodify && ldapdelete && ldapwhoami) && "ldapmodify/ldapdelete/ldapwhoami (ldap-utils)",
    ].filter(Boolean);
    return `LDAP tests need OpenLDAP: ${missing.join(", ")} not found (apt-get install slapd ldap-utils)`;
  }
  const openssl = which("openssl");
  // not a reason to skip: whoever has slapd and no openssl has a broken test machine
  if (!openssl) throw new Error("The slapd fixture needs the openssl CLI to make its TLS certificates: not found on PATH (apt-get install openssl)");
  return { slapd, slapadd, ldapmodify, ldapdelete, ldapwhoami, openssl };
}

let skipReasonPrinted = false;

/**
 * Starts slapd on 127.0.0.1 at free ports in a new temp folder, loaded with directory.ldif.
 * When slapd is not installed: with CI=true throws an Error saying so (a missing tool is a
 * failure in CI); otherwise prints once to stderr why LDAP tests skip and returns null.
 */
export async function startSlapd(): Promise<Slapd | null> {
  const tools = findTools();
  if (typeof tools === "string") {
    if (process.env.CI === "true") throw new Error(`${tools}: missing on CI`);
    if (!skipReasonPrinted) {
      skipReasonPrinted = true;
      process.stderr.write(`      skipped: ${tools}\n`);
    }
    return null;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "niveau-slapd-"));
  let server: SlapdServer | null = null;
  try {
    const [port, ldapsPort] = await freePorts(2);
    await makeCertificates(tools.openssl, dir);
    const conf = path.join(dir, "slapd.conf");
    fs.mkdirSync(path.join(dir, "db"), { mode: 0o700 });
    fs.writeFileSync(conf, slapdConf(dir));
    await run(tools.slapadd, ["-f", conf, "-l", LDAP_FIXTURE_LDIF], { what: "slapadd (loading directory.ldif)" });
    server = new SlapdServer(tools, dir, conf, port, ldapsPort);
    await server.start();
    return server;
  } catch (err) {
    await server?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** For mocha: `const dir = await ldapOrSkip(this)` in a before() hook: startSlapd(), and this.skip() without slapd. */
export async function ldapOrSkip(ctx: Mocha.Context): Promise<Slapd> {
  const server = await startSlapd();
  if (!server) return ctx.skip();
  return server;
}

function slapdConf(dir: string): string {
  const q = (p: string) => `"${p}"`;
  const mdbModule = fs.existsSync(path.join(MODULE_DIR, "back_mdb.so"));
  return `# Written by test/helpers/slapd.ts for one test run: a private slapd, never the system one.
${SCHEMAS.map((s) => `include ${q(path.join(SCHEMA_DIR, `${s}.schema`))}`).join("\n")}
${mdbModule ? `modulepath ${q(MODULE_DIR)}\nmoduleload back_mdb` : "# back_mdb is built into this slapd"}
pidfile ${q(path.join(dir, "slapd.pid"))}
argsfile ${q(path.join(dir, "slapd.args"))}
# nothing to syslog: errors reach the fixture on stderr (slapd -d none)
loglevel none

TLSCACertificateFile ${q(path.join(dir, "ca.pem"))}
TLSCertificateFile ${q(path.join(dir, "server.pem"))}
TLSCertificateKeyFile ${q(path.join(dir, "server.key"))}
TLSVerifyClient never

# the root DSE and the schema stay public, as on any server (clients read supportedControl there)
access to dn.base="" by * read
access to dn.base="cn=Subschema" by * read

database mdb
suffix "${BASE_DN}"
rootdn "${ADMIN_DN}"
rootpw ${ADMIN_PASSWORD}
directory ${q(path.join(dir, "db"))}
maxsize ${64 * 1024 * 1024}
# test data: no fsync
dbnosync
index objectClass eq
index uid,mail,cn,member,employeeType eq

# a plain search stops at 500 entries (sizeLimitExceeded); a paged one may fetch everything
limits * size.soft=500 size.hard=500 size.prtotal=unlimited

access to attrs=userPassword
  by anonymous auth
  by self write
  by * none
access to *
  by dn.exact="${SERVICE_DN}" read
  by self read
  by users read
  by anonymous auth
  by * none
`;
}

/** A CA and a server certificate it signs (SAN IP:127.0.0.1, DNS:localhost); EC keys, made in ~50 ms. */
async function makeCertificates(openssl: string, dir: string): Promise<void> {
  const f = (name: string) => path.join(dir, name);
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  const what = "openssl (making the test certificates)";
  await run(openssl, ["req", "-x509", ...ec, "-keyout", f("ca.key"), "-out", f("ca.pem"), "-days", "7",
    "-subj", "/O=Niveau tests/CN=Niveau test CA", "-addext", "basicConstraints=critical,CA:TRUE",
    "-addext", "keyUsage=critical,keyCertSign,cRLSign"], { what });
  await run(openssl, ["req", "-new", ...ec, "-keyout", f("server.key"), "-out", f("server.csr"),
    "-subj", "/O=Niveau tests/CN=localhost"], { what });
  fs.writeFileSync(f("server.ext"), [
    "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "basicConstraints=CA:FALSE",
    "keyUsage=critical,digitalSignature,keyEncipherment",
    "extendedKeyUsage=serverAuth",
  ].join("\n") + "\n");
  await run(openssl, ["x509", "-req", "-in", f("server.csr"), "-CA", f("ca.pem"), "-CAkey", f("ca.key"),
    "-set_serial", String(Date.now()), "-days", "7", "-extfile", f("server.ext"), "-out", f("server.pem")], { what });
}

class SlapdServer implements Slapd {
  readonly url: string;
  readonly ldapsUrl: string;
  readonly caFile: string;
  readonly baseDn = BASE_DN;
  readonly serviceDn = SERVICE_DN;
  readonly servicePassword = SERVICE_PASSWORD;
  readonly adminDn = ADMIN_DN;
  readonly adminPassword = ADMIN_PASSWORD;
  child: ChildProcess | null = null;
  watchdog: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private log = "";
  private destroyed = false;

  constructor(private readonly tools: Tools, readonly dir: string, private readonly conf: string,
    readonly port: number, private readonly ldapsPort: number) {
    this.url = `ldap://127.0.0.1:${port}`;
    this.ldapsUrl = `ldaps://127.0.0.1:${ldapsPort}`;
    this.caFile = path.join(dir, "ca.pem");
  }

  async start(): Promise<void> {
    if (this.destroyed) throw new Error("slapd fixture: start() after destroy()");
    if (this.child) return;
    this.log = "";
    // -d (any level) keeps slapd in the foreground; "none" rather than 0, because with -d 0 slapd
    // says nothing at all, not even "Address already in use" or a config error.
    const child = spawn(this.tools.slapd, ["-h", `${this.url}/ ${this.ldapsUrl}/`, "-f", this.conf, "-d", "none"],
      { stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    live.add(this);
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString("utf8")).slice(-LOG_LIMIT);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const state: { exit: string | null } = { exit: null };
    this.exited = new Promise<void>((resolve) => {
      child.once("error", (err) => {
        state.exit = `could not run ${this.tools.slapd}: ${err.message}`;
        resolve();
      });
      child.once("exit", (code, signal) => {
        state.exit = signal ? `killed by ${signal}` : `exit code ${code}`;
        resolve();
      });
    }).then(() => {
      if (this.child === child) this.child = null;
      this.stopWatchdog();
    });
    if (child.pid) this.watchdog = startWatchdog(child.pid, this.dir);
    try {
      await this.waitUntilUp(state);
    } catch (err) {
      await this.kill();
      throw new Error(`${(err as Error).message}\nslapd said:\n${this.log.trim() || "(nothing)"}`);
    }
  }

  /** Until the rootdn can bind on ldap:// and ldaps:// completes a handshake trusting the CA. */
  private async waitUntilUp(state: { exit: string | null }): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (state.exit) throw new Error(`slapd stopped while starting on ${this.url} (${state.exit})`);
      if (await canConnect(this.port)) {
        const who = await run(this.tools.ldapwhoami, ["-x", "-o", "nettimeout=2", "-H", this.url, "-D", ADMIN_DN, "-w", ADMIN_PASSWORD],
          { what: "ldapwhoami", check: false, timeoutMs: 2000 });
        if (state.exit) continue;
        // slapd opens all its listeners before it answers: ldaps:// is up too, check its certificate
        if (who.code === 0) return tlsHandshake(this.ldapsPort, this.caFile);
      }
      if (Date.now() > deadline) throw new Error(`slapd did not answer on ${this.url} within ${START_TIMEOUT_MS / 1000} s`);
      await sleep(25);
    }
  }

  async stop(): Promise<void> {
    await this.kill();
    // the kernel closes the listening sockets when slapd exits; make sure before saying "down"
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (await canConnect(this.port) || await canConnect(this.ldapsPort)) {
      if (Date.now() > deadline) throw new Error(`slapd exited but ${this.url} or ${this.ldapsUrl} still accepts connections`);
      await sleep(25);
    }
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    try {
      await this.kill();
    } finally {
      this.destroyed = true;
      live.delete(this);
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }

  async apply(ldif: string): Promise<void> {
    await run(this.tools.ldapmodify, ["-a", "-x", "-H", this.url, "-D", ADMIN_DN, "-w", ADMIN_PASSWORD],
      { what: "ldapmodify", input: ldif });
  }

  async remove(dn: string, options: { recursive?: boolean } = {}): Promise<void> {
    await run(this.tools.ldapdelete, ["-x", ...(options.recursive ? ["-r"] : []), "-H", this.url, "-D", ADMIN_DN, "-w", ADMIN_PASSWORD, dn],
      { what: "ldapdelete" });
  }

  /** SIGTERM (slapd shuts down cleanly), SIGKILL if it takes too long; resolves once the process has exited. */
  private async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.stopWatchdog();
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    try {
      await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  private stopWatchdog(): void {
    this.watchdog?.kill("SIGKILL");
    this.watchdog?.stdin?.destroy();
    this.watchdog = null;
  }

  /** On process exit: no waiting possible, so SIGKILL and remove the folder. */
  killNow(): void {
    this.stopWatchdog();
    this.child?.kill("SIGKILL");
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The running fixtures, killed when the test process exits, however it exits. */
const live = new Set<SlapdServer>();
process.once("exit", () => {
  for (const server of live) server.killNow();
});

/**
 * When the test process dies without running its exit handlers (SIGKILL, a crash of node
 * itself), a small shell sees its stdin pipe close and stops slapd, then removes the folder.
 * It holds no reference on the event loop.
 */
function startWatchdog(pid: number, dir: string): ChildProcess | null {
  const sh = which("sh", ["/bin"]);
  if (!sh) return null;
  const script = 'read _; kill -TERM "$1" 2>/dev/null; sleep 1; rm -rf -- "$2"';
  const dog = spawn(sh, ["-c", script, "slapd-watchdog", String(pid), dir], { stdio: ["pipe", "ignore", "ignore"] });
  dog.on("error", () => undefined);
  dog.stdin?.on("error", () => undefined);
  dog.unref();
  (dog.stdin as unknown as net.Socket | null)?.unref?.();
  return dog;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a tool, killed after timeoutMs (an LDAP tool waits forever for an answer that does not
 * come); unless check is false, a non-zero exit is an Error carrying its output.
 */
function run(cmd: string, args: string[], opts: { what: string; input?: string; check?: boolean; timeoutMs?: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: TOOL_ENV,
      stdio: [opts.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      timeout: opts.timeoutMs ?? TOOL_TIMEOUT_MS,
      killSignal: "SIGKILL",
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr?.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.once("error", (err) => reject(new Error(`${opts.what}: could not run ${cmd}: ${err.message}`)));
    child.once("close", (code, signal) => {
      if (code !== 0 && opts.check !== false) {
        const out = `${stderr.trim()}\n${stdout.trim().split("\n").slice(-5).join("\n")}`.trim();
        const how = signal === "SIGKILL" ? `no answer within ${(opts.timeoutMs ?? TOOL_TIMEOUT_MS) / 1000} s` : `exit code ${code}`;
        reject(new Error(`${opts.what} failed (${how}):\n${out}`));
      } else {
        resolve({ code, stdout, stderr });
      }
    });
    if (opts.input !== undefined) {
      child.stdin?.on("error", () => undefined); // the tool may exit before reading everything: its exit code tells
      child.stdin?.end(opts.input);
    }
  });
}

/** Ports the OS says are free on 127.0.0.1 (all held open together, so they differ). */
async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve());
      });
    }
    return servers.map((s) => (s.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.setTimeout(1000);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
}

/** A full TLS handshake with ldaps:// that trusts only the fixture's CA, closed cleanly. */
function tlsHandshake(port: number, caFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ port, host: "127.0.0.1", ca: [fs.readFileSync(caFile)] });
    socket.setTimeout(2000);
    socket.once("secureConnect", () => {
      socket.end();
      resolve();
    });
    socket.once("error", (err) => {
      socket.destroy();
      reject(new Error(`slapd fixture: TLS handshake with ldaps://127.0.0.1:${port} failed: ${err.message}`));
    });
    socket.once("timeout", () => socket.destroy(new Error("timed out")));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
