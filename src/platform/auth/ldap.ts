import fs from "node:fs";
import { isIP } from "node:net";
import type { ConnectionOptions } from "node:tls";
import type { Request, Response } from "express";
import type { PassportStatic } from "passport";
import LdapStrategy from "passport-ldapauth";
import LdapAuth from "ldapauth-fork";
import { Client, InvalidCredentialsError, ResultCodeError } from "ldapts";
import { escapeFilterValue, isValidFilter } from "./ldap-filter";

export { escapeFilterValue, isValidFilter };

/**
 * The one way Niveau talks to a directory (OpenLDAP, Active Directory).
 *
 * Sign-in goes through passport-ldapauth: the read-only service account finds the person
 * with the user filter, then a bind with the person's own DN and password verifies the
 * password. Everything the strategy does not offer (group membership, nested groups, the
 * paged listing a sync needs, "test connection") is done here with ldapts, on a session
 * bound as the same service account. Filters are always built by the functions below, so
 * every value put into a filter is escaped the same way.
 */

export type NestedGroups = "off" | "in-chain" | "expand";

export interface LdapAttributeMap {
  displayName: string;
  email: string;
  phone: string;
  department: string;
  location: string;
  locale: string;
}

/** The effective directory settings (configuration, then what the admin page overrides). */
export interface LdapSettings {
  urls: string[];
  bindDn: string;
  bindPassword: string;
  searchBase: string;
  searchFilter: string;
  usernameAttribute: string;
  groupSearchBase: string;
  groupSearchFilter: string;
  nestedGroups: NestedGroups;
  tlsCaFile: string;
  startTls: boolean;
  timeoutMs: number;
  attributes: LdapAttributeMap;
}

/** A person as the directory describes them (values trimmed, empty = null). */
export interface DirectoryPerson {
  dn: string;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  department: string | null;
  location: string | null;
  locale: string | null;
}

export interface DirectoryGroup {
  dn: string;
  /** The group's cn (or the value of its first RDN). */
  name: string;
}

/** A person who proved their password, with every group they are in (nested ones too). */
export interface DirectoryIdentity {
  person: DirectoryPerson;
  groups: DirectoryGroup[];
}

export type DirectoryProblem = "unreachable" | "service_bind" | "tls" | "search";

/** The directory could not answer (down, TLS refused, service account refused, bad base): never the user's fault. */
export class DirectoryUnavailable extends Error {
  constructor(readonly problem: DirectoryProblem, message: string, override readonly cause?: unknown) {
    super(message);
    this.name = "DirectoryUnavailable";
  }
}

/** AD's LDAP_MATCHING_RULE_IN_CHAIN: the server walks nested groups itself. */
export const IN_CHAIN_RULE = "1.2.840.113556.1.4.1941";
/** Groups nested deeper than this are ignored when Niveau expands them itself. */
const MAX_NESTING = 10;
const PAGE_SIZE = 500;

// ---- filters

// the replacements are functions: a "$'" or "$&" in a username must stay plain text
/** The user filter for one typed username. */
export function userFilter(s: LdapSettings, username: string): string {
  const escaped = escapeFilterValue(username);
  return s.searchFilter.replaceAll("{{username}}", () => escaped);
}

/** The user filter matching every person (for a sync): the username becomes a presence test. */
export function everyoneFilter(s: LdapSettings): string {
  return s.searchFilter.replaceAll("{{username}}", () => "*");
}

/** The group filter for a member DN; with "in-chain" the equality on member walks nested groups on the server. */
export function groupFilter(s: LdapSettings, memberDn: string): string {
  const template = s.nestedGroups === "in-chain"
    ? s.groupSearchFilter.replace(/\((member|uniqueMember)=\{\{dn\}\}\)/gi, (_m, attr: string) => `(${attr}:${IN_CHAIN_RULE}:={{dn}})`)
    : s.groupSearchFilter;
  const escaped = escapeFilterValue(memberDn);
  return template.replaceAll("{{dn}}", () => escaped);
}

// ---- entries

type RawEntry = Record<string, unknown> & { dn: unknown };

function firstValue(entry: RawEntry, attribute: string): string | null {
  if (!attribute) return null;
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  let v = key ? entry[key] : undefined;
  if (Array.isArray(v)) v = v[0];
  if (Buffer.isBuffer(v)) v = v.toString("utf8");
  if (typeof v !== "string") return null;
  const trimmed = v.trim();
  return trimmed ? trimmed : null;
}

/** The attributes a person search asks for. */
export function personAttributes(s: LdapSettings): string[] {
  return [...new Set([s.usernameAttribute, ...Object.values(s.attributes)].filter(Boolean))];
}

/**
 * One mapping from a directory entry (ldapjs's object or ldapts's entry) to a person;
 * null without a DN or without the username attribute (such an entry cannot be one
 * stable account: a sign-in refuses it and a sync reports it).
 */
export function personFrom(entry: RawEntry, s: LdapSettings): DirectoryPerson | null {
  const dn = typeof entry.dn === "string" ? entry.dn : String(entry.dn ?? "");
  const username = (firstValue(entry, s.usernameAttribute) ?? "").toLowerCase();
  if (!dn || !username) return null;
  return {
    dn, username,
    displayName: firstValue(entry, s.attributes.displayName) ?? firstValue(entry, "cn") ?? username,
    email: firstValue(entry, s.attributes.email),
    phone: firstValue(entry, s.attributes.phone),
    department: firstValue(entry, s.attributes.department),
    location: firstValue(entry, s.attributes.location),
    locale: firstValue(entry, s.attributes.locale),
  };
}

function groupFrom(entry: RawEntry): DirectoryGroup {
  const dn = String(entry.dn);
  const rdnValue = /^[^=]+=((?:\\.|[^,\\])*)/.exec(dn)?.[1] ?? dn;
  return { dn, name: firstValue(entry, "cn") ?? rdnValue };
}

// ---- connections

/**
 * TLS options for one server. The host name is given explicitly: a StartTLS upgrade
 * connects over the existing socket, and without it Node would check the server's
 * certificate against "localhost".
 */
function tlsOptions(s: LdapSettings, url: string): ConnectionOptions {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const options: ConnectionOptions = { host, ...(isIP(host) ? {} : { servername: host }) };
  if (!s.tlsCaFile) return options;
  try {
    return { ...options, ca: [fs.readFileSync(s.tlsCaFile)] };
  } catch (err) {
    throw new DirectoryUnavailable("tls", `cannot read the CA file ${s.tlsCaFile}: ${(err as Error).message}`, err);
  }
}

/**
 * ldapauth-fork starts StartTLS in its constructor but sends its binds without waiting
 * for the upgrade (ldapjs does not hold requests meanwhile), so the server may receive a
 * plain bind in the middle of its TLS handshake. Until that is fixed upstream, a sign-in
 * with StartTLS waits here until both of its connections are upgraded.
 */
type LdapAuthLike = { opts: { starttls?: boolean; timeout?: number }; _adminClient: unknown; _userClient: unknown };
type Authenticate = (this: LdapAuthLike, username: unknown, password: unknown, done: (err: unknown) => void) => void;
const ldapAuthProto = (LdapAuth as unknown as { prototype: LdapAuthLike & { authenticate: Authenticate } }).prototype;
if (!(ldapAuthProto as { niveauWaitsForStartTls?: boolean }).niveauWaitsForStartTls) {
  const authenticate = ldapAuthProto.authenticate;
  const upgraded = (client: unknown) => (client as { _starttls?: { success?: boolean } | null })._starttls?.success === true;
  ldapAuthProto.authenticate = function (this: LdapAuthLike, username: unknown, password: unknown, done: (err: unknown) => void) {
    if (!this.opts.starttls) return authenticate.call(this, username, password, done);
    const deadline = Date.now() + (this.opts.timeout ?? 5000);
    const wait = () => {
      if (upgraded(this._adminClient) && upgraded(this._userClient)) return authenticate.call(this, username, password, done);
      if (Date.now() > deadline) return done(new Error("StartTLS did not complete in time"));
      setTimeout(wait, 2);
    };
    wait();
  };
  (ldapAuthProto as { niveauWaitsForStartTls?: boolean }).niveauWaitsForStartTls = true;
}

const isTlsError = (err: unknown) => /certificate|self.signed|tls|ssl|altname/i.test(`${(err as Error)?.message} ${(err as { code?: string })?.code}`);

/** A search session bound as the service account, on the first server that answers (failover in order). */
export class DirectorySession {
  private readonly parentsOf = new Map<string, DirectoryGroup[]>();

  private constructor(private readonly client: Client, private readonly s: LdapSettings, readonly url: string) {}

  static async open(s: LdapSettings): Promise<DirectorySession> {
    if (!s.urls.length) throw new DirectoryUnavailable("unreachable", "no directory server is configured");
    if (!s.bindDn || !s.bindPassword) throw new DirectoryUnavailable("service_bind", "the service account (bind DN and password) is not configured");
    let last: unknown;
    for (const url of s.urls) {
      const tls = tlsOptions(s, url);
      const secure = url.toLowerCase().startsWith("ldaps://");
      // ldapts speaks TLS from the first byte whenever it is given TLS options: only for ldaps://
      const client = new Client({ url, timeout: s.timeoutMs, connectTimeout: s.timeoutMs, tlsOptions: secure ? tls : undefined, strictDN: false });
      try {
        if (s.startTls && !secure) await client.startTLS(tls);
        await client.bind(s.bindDn, s.bindPassword);
        return new DirectorySession(client, s, url);
      } catch (err) {
        await client.unbind().catch(() => undefined);
        if (err instanceof InvalidCredentialsError) {
          throw new DirectoryUnavailable("service_bind", `${url}: the directory refused the service account ${s.bindDn}`, err);
        }
        last = err;
      }
    }
    const problem = isTlsError(last) ? "tls" : "unreachable";
    throw new DirectoryUnavailable(problem, `no directory server answered (${s.urls.join(", ")}): ${(last as Error)?.message ?? last}`, last);
  }

  async close(): Promise<void> {
    await this.client.unbind().catch(() => undefined);
  }

  private async search(base: string, filter: string, attributes: string[], paged: boolean): Promise<RawEntry[]> {
    if (!isValidFilter(filter)) throw new DirectoryUnavailable("search", `not a valid LDAP filter: ${filter}`);
    try {
      const { searchEntries } = await this.client.search(base, { scope: "sub", filter, attributes, paged: paged ? { pageSize: PAGE_SIZE } : false });
      return searchEntries as unknown as RawEntry[];
    } catch (err) {
      if (err instanceof ResultCodeError) throw new DirectoryUnavailable("search", `search under ${base} with ${filter} failed: ${err.message}`, err);
      throw new DirectoryUnavailable("unreachable", `the directory stopped answering: ${(err as Error).message}`, err);
    }
  }

  /** The person a username designates; several matches are a directory problem, not a person. */
  async findPerson(username: string): Promise<DirectoryPerson | null> {
    const found = await this.search(this.s.searchBase, userFilter(this.s, username), personAttributes(this.s), false);
    if (found.length > 1) throw new DirectoryUnavailable("search", `the user filter matches ${found.length} entries for one username`);
    if (!found.length) return null;
    const person = personFrom(found[0], this.s);
    if (!person) throw new DirectoryUnavailable("search", `${String(found[0].dn)} has no ${this.s.usernameAttribute} attribute`);
    return person;
  }

  /** Every person the user filter matches, page by page (directories of any size), and the DNs of entries without a username. */
  async listPeople(): Promise<{ people: DirectoryPerson[]; unnamed: string[] }> {
    const entries = await this.search(this.s.searchBase, everyoneFilter(this.s), personAttributes(this.s), true);
    const people: DirectoryPerson[] = [];
    const unnamed: string[] = [];
    for (const e of entries) {
      const p = personFrom(e, this.s);
      if (p) people.push(p);
      else unnamed.push(String(e.dn));
    }
    return { people, unnamed };
  }

  private async directGroups(memberDn: string): Promise<DirectoryGroup[]> {
    const cached = this.parentsOf.get(memberDn.toLowerCase());
    if (cached) return cached;
    const groups = (await this.search(this.s.groupSearchBase, groupFilter(this.s, memberDn), ["cn"], true)).map(groupFrom);
    this.parentsOf.set(memberDn.toLowerCase(), groups);
    return groups;
  }

  /**
   * Every group a person is in. "expand" walks up nested groups here (any directory),
   * "in-chain" lets Active Directory do it, "off" keeps direct memberships only.
   */
  async groupsOf(personDn: string): Promise<DirectoryGroup[]> {
    if (!this.s.groupSearchBase) return [];
    const seen = new Map<string, DirectoryGroup>();
    let frontier = await this.directGroups(personDn);
    for (let depth = 0; frontier.length; depth++) {
      const next: DirectoryGroup[] = [];
      for (const g of frontier) {
        if (seen.has(g.dn.toLowerCase())) continue;
        seen.set(g.dn.toLowerCase(), g);
        if (this.s.nestedGroups === "expand" && depth < MAX_NESTING) next.push(...(await this.directGroups(g.dn)));
      }
      frontier = next;
    }
    return [...seen.values()];
  }
}

/** Open a service-account session, run, always close. */
export async function withDirectory<T>(s: LdapSettings, fn: (d: DirectorySession) => Promise<T>): Promise<T> {
  const session = await DirectorySession.open(s);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}

// ---- sign-in through passport-ldapauth

export const LDAP_STRATEGY = "ldapauth";
/** The server a sign-in attempt talks to: failover is done here, one server per attempt. */
const attemptUrl = new WeakMap<object, string>();

/**
 * Registers the strategy. Its options are built per request from the current settings,
 * with the typed username already escaped into the filter (the strategy's own escaping
 * is then a no-op: there is no placeholder left for it).
 */
export function useLdapStrategy(passport: PassportStatic, settings: () => Promise<LdapSettings | null>): void {
  passport.use(LDAP_STRATEGY, new LdapStrategy((req, done) => {
    settings().then((s) => {
      if (!s) return done(new DirectoryUnavailable("unreachable", "the directory is not configured"), undefined as never);
      const username = String((req as Request).body?.username ?? "").trim();
      const url = attemptUrl.get(req) ?? s.urls[0];
      const searchFilter = userFilter(s, username);
      if (!isValidFilter(searchFilter)) return done(new DirectoryUnavailable("search", `not a valid LDAP filter: ${searchFilter}`), undefined as never);
      done(null, {
        server: {
          url, bindDN: s.bindDn, bindCredentials: s.bindPassword, searchBase: s.searchBase,
          searchFilter, searchAttributes: personAttributes(s),
          tlsOptions: tlsOptions(s, url), starttls: s.startTls && url.toLowerCase().startsWith("ldap://"),
          timeout: s.timeoutMs, connectTimeout: s.timeoutMs, reconnect: false,
        },
        usernameField: "username", passwordField: "password", passReqToCallback: false,
      });
    }).catch((err: unknown) => done(err, undefined as never));
  }, (entry: RawEntry, done: (err: unknown, user?: unknown) => void) => done(null, entry)));
}

export type DirectorySignIn =
  | { kind: "ok"; identity: DirectoryIdentity }
  | { kind: "invalid" }
  | { kind: "unavailable"; error: DirectoryUnavailable };

/**
 * Verify a username and password against the directory, on the first server that
 * answers (in the configured order). An empty password never reaches the server (a
 * simple bind with no password is an anonymous bind).
 */
export async function authenticateWithDirectory(
  passport: PassportStatic, s: LdapSettings, req: Request, res: Response,
): Promise<DirectorySignIn> {
  const username = String(req.body?.username ?? "").trim();
  const password = req.body?.password;
  if (!username || typeof password !== "string" || password === "") return { kind: "invalid" };
  let outcome: DirectorySignIn = { kind: "unavailable", error: new DirectoryUnavailable("unreachable", "no directory server is configured") };
  for (const url of s.urls) {
    attemptUrl.set(req, url);
    outcome = await attempt(passport, s, req, res, username);
    if (outcome.kind !== "unavailable" || outcome.error.problem !== "unreachable") break;
  }
  attemptUrl.delete(req);
  return outcome;
}

function attempt(passport: PassportStatic, s: LdapSettings, req: Request, res: Response, username: string): Promise<DirectorySignIn> {
  return new Promise<DirectorySignIn>((resolve) => {
    let settled = false;
    const finish = (outcome: Promise<DirectorySignIn> | DirectorySignIn) => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      Promise.resolve(outcome).then(resolve, (err) => resolve({ kind: "unavailable", error: asUnavailable(err) }));
    };
    // the client library has its own timeouts; this is the last word if one of them never fires
    const guard = setTimeout(() => finish({ kind: "unavailable", error: new DirectoryUnavailable("unreachable", "the directory did not answer in time") }),
      s.timeoutMs * 3);
    passport.authenticate(LDAP_STRATEGY, { session: false }, (err: unknown, entry: RawEntry | false) => {
      if (err) return finish({ kind: "unavailable", error: asUnavailable(err) });
      if (!entry) {
        // to the strategy, a refused service account or a wrong search base look like a wrong
        // password: look the person up again to tell them apart (it throws for those)
        return finish(withDirectory(s, async (d) => {
          await d.findPerson(username);
          return { kind: "invalid" as const };
        }));
      }
      const person = personFrom(entry, s);
      if (!person) {
        return finish({ kind: "unavailable", error: new DirectoryUnavailable("search", `${String(entry.dn)} has no ${s.usernameAttribute} attribute`) });
      }
      finish(withDirectory(s, async (d) => ({ kind: "ok" as const, identity: { person, groups: await d.groupsOf(person.dn) } })));
    })(req, res, () => undefined);
  });
}

function asUnavailable(err: unknown): DirectoryUnavailable {
  if (err instanceof DirectoryUnavailable) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (isTlsError(err)) return new DirectoryUnavailable("tls", message, err);
  return new DirectoryUnavailable(err instanceof Error && "code" in err && typeof err.code === "number" ? "search" : "unreachable", message, err);
}
