import { expect } from "chai";
import request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { ldapOrSkip, type Slapd } from "../helpers/slapd";
import { configureLdap, DIRECTORY_PASSWORD, ELODIE_PASSWORD, mapFixtureGroups, saveLdap } from "../helpers/directory";
import { groupId, makeAgent, makeTicket, makeUser, N1, N2, N3, PASSWORD } from "../factories";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { csrf, csrfFrom, signIn, type Agent } from "../helpers/http";
import type { LdapConfig } from "../../src/platform/config";
import { invalidateReference } from "../../src/platform/db/reference-cache";
import { SYSTEM_ACTOR } from "../../src/access/policies/admin.policy";
import { User } from "../../src/modules/users/user.entity";
import { GroupMember } from "../../src/modules/users/group.entity";
import { previewSync } from "../../src/modules/directory/commands/sync";
import { ldapSyncJob } from "../../src/modules/directory/jobs/ldap-sync";
import { runJob } from "../../src/platform/jobs";
import { createApiToken } from "../../src/modules/users/commands/api-tokens";
import { loadActor } from "../../src/modules/users/queries/load-actor";
import type { Role } from "../../src/access/roles";
import { main as cli } from "../../src/cli";

/** Run the command line in this process, capturing what it writes to stdout and stderr. */
async function runCli(argv: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const [stdout, stderr] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)];
  const capture = (chunk: string | Uint8Array) => ((out += String(chunk)), true);
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  try {
    return { code: await cli(argv), out };
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
}

const SECRET = DIRECTORY_PASSWORD;

/** Sign in through the login form; returns the response and the agent (cookies kept). */
async function login(app: TestContext["app"], username: string, password: string): Promise<{ res: request.Response; agent: Agent }> {
  const agent = request.agent(app);
  const page = await agent.get("/login").expect(200);
  const res = await agent.post("/login").type("form").send({ username, password, _csrf: csrfFrom(page.text) });
  return { res, agent };
}

async function me(agent: Agent) {
  return (await agent.get("/api/v1/me").expect(200)).body as { username: string; provider: string; role: Role; displayName: string; locale: string | null; groups: { name: string; tier: number }[] };
}

describe("HTTP: directory sign-in against a real OpenLDAP", function () {
  this.timeout(60_000);
  let ctx: TestContext;
  let dir: Slapd;
  const dn = (uid: string) => `uid=${uid},ou=people,dc=niveau,dc=test`;
  const groupDn = (cn: string) => `cn=${cn},ou=groups,dc=niveau,dc=test`;
  const userRow = (username: string) => ctx.deps.db.getRepository(User).findOne({ where: { provider: "ldap", username } });

  const configure = (over: Partial<LdapConfig> = {}) => configureLdap(ctx.deps, dir, over);
  const mapAll = () => mapFixtureGroups(ctx.deps);
  let restore: () => void = () => undefined;

  before(async function () {
    dir = await ldapOrSkip(this);
    ctx = await testContext();
    restore = saveLdap(ctx.deps);
  });
  beforeEach(async () => {
    await resetDb(ctx);
    configure();
    await mapAll();
  });
  after(async () => {
    restore();
    await dir?.destroy();
  });

  it("creates the account at first sign-in from the directory's attributes, accents intact", async () => {
    const { res, agent } = await login(ctx.app, "elodie", ELODIE_PASSWORD);
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal("/portal");
    const who = await me(agent);
    expect(who).to.include({ username: "elodie", provider: "ldap", role: "requester", displayName: "Élodie Dupré", locale: "fr" });
    const row = (await userRow("elodie"))!;
    expect(row).to.include({ email: "elodie.dupre@niveau.test", department: "Comptabilité", location: "Lyon", phone: "+33 4 72 00 00 01", passwordHash: null });
    expect(row.directoryDn).to.equal(dn("elodie"));
    // a second sign-in changes nothing, and a sync finds nothing to update: the accents survive the round trip
    await login(ctx.app, "Elodie", ELODIE_PASSWORD).then(({ res: again }) => expect(again.status).to.equal(303));
    const preview = await previewSync(ctx.deps, SYSTEM_ACTOR);
    expect(preview.changes.find((c) => c.plan.username === "elodie")).to.equal(undefined);
  });

  it("lands a technician in the support group of their mapped directory group, and shows it in /api/v1/me", async () => {
    const { res, agent } = await login(ctx.app, "victor", SECRET);
    expect(res.headers.location).to.equal("/desk");
    const who = await me(agent);
    expect(who.provider).to.equal("ldap");
    expect(who.role).to.equal("agent");
    expect(who.groups).to.deep.equal([{ name: N2, tier: 2 }]);
  });

  it("follows nested groups, takes the highest role and the union of groups", async () => {
    expect((await me((await login(ctx.app, "vera", SECRET)).agent)).groups).to.deep.equal([{ name: N3, tier: 3 }]);
    const dana = await me((await login(ctx.app, "dana", SECRET)).agent);
    expect(dana.role).to.equal("agent");
    expect(dana.groups.map((g) => g.name)).to.deep.equal([N1, N2]);
    const marc = await me((await login(ctx.app, "marc", SECRET)).agent);
    expect(marc.role).to.equal("supervisor");
    const { res } = await login(ctx.app, "admin-dir", SECRET);
    expect(res.headers.location).to.equal("/admin/users");
  });

  it("refuses a wrong password, an unknown user and an empty password with the same message, and creates no one", async () => {
    const wrong = await login(ctx.app, "nadia", "not-her-password");
    const unknown = await login(ctx.app, "nobody-here", SECRET);
    const empty = await login(ctx.app, "nadia", "");
    for (const { res } of [wrong, unknown, empty]) {
      expect(res.status).to.equal(401);
      expect(res.text).to.contain("Wrong username or password.");
    }
    expect(await ctx.deps.db.getRepository(User).count({ where: { provider: "ldap" } })).to.equal(0);
  });

  it("escapes filter values: injection usernames find nobody", async () => {
    // "$'" and "$&" would be replacement patterns in a naive String.replace: the filter must stay whole
    for (const username of ["*", "*)(uid=*", "admin)(|(uid=*", "nadia)(uid=*", "\\2a", "x$'", "nadia$&", "$`)(uid=*"]) {
      const { res } = await login(ctx.app, username, SECRET);
      expect(res.status, username).to.equal(401);
    }
    expect(await ctx.deps.db.getRepository(User).count({ where: { provider: "ldap" } })).to.equal(0);
  });

  it("refuses a disabled account and a person in no mapped group", async () => {
    expect((await login(ctx.app, "denis", SECRET)).res.status).to.equal(401);
    const oscar = await login(ctx.app, "oscar", SECRET);
    expect(oscar.res.status).to.equal(403);
    expect(oscar.res.text).to.contain("not in a group that gives access");
    // with "everyone else is an employee", the same person gets in as a requester
    configure({ unmappedRole: "requester" });
    expect((await me((await login(ctx.app, "oscar", SECRET)).agent)).role).to.equal("requester");
  });

  it("keeps a local alice and a directory alice apart", async () => {
    await makeUser(ctx.deps, { username: "alice", role: "agent", groups: [N1] });
    const local = await me((await login(ctx.app, "alice", PASSWORD)).agent);
    const directory = await me((await login(ctx.app, "alice", SECRET)).agent);
    expect(local).to.include({ provider: "local", role: "agent" });
    expect(directory).to.include({ provider: "ldap", role: "requester", displayName: "Alice Archer" });
    expect(await ctx.deps.db.getRepository(User).count({ where: { username: "alice" } })).to.equal(2);
  });

  it("downgrades the role at the next sign-in after a removal from the group, keeping hand-added groups", async () => {
    const first = await login(ctx.app, "victor", SECRET);
    const victor = (await userRow("victor"))!;
    // an admin added victor to N3 by hand: no mapping hands N3... except IT-N3's; use a group no mapping manages
    const extra = await ctx.deps.db.query("INSERT INTO support_groups (name, tier) VALUES ('Vendors desk', 3)");
    void extra;
    const vendors = await groupId(ctx.deps, "Vendors desk");
    await ctx.deps.db.getRepository(GroupMember).insert({ userId: victor.id, groupId: vendors });
    await dir.apply(`dn: ${groupDn("IT-N2")}\nchangetype: modify\ndelete: member\nmember: ${dn("victor")}\n`);
    try {
      const again = await me((await login(ctx.app, "victor", SECRET)).agent);
      expect(again.role).to.equal("requester");
      expect((await ctx.deps.db.getRepository(GroupMember).find({ where: { userId: victor.id } })).map((g) => g.groupId)).to.deep.equal([vendors]);
      // the session opened as an agent now only has a requester's rights
      await first.agent.get("/desk").expect(403);
    } finally {
      await dir.apply(`dn: ${groupDn("IT-N2")}\nchangetype: modify\nadd: member\nmember: ${dn("victor")}\n`);
    }
  });

  it("says unavailable, not wrong password, for a wrong search base or an entry without a username", async () => {
    // (other people than in the other tests: failed sign-ins count against each account's throttle)
    configure({ searchBase: "ou=nowhere,dc=niveau,dc=test" });
    expect((await login(ctx.app, "marc", SECRET)).res.status).to.equal(503);
    configure({ usernameAttribute: "employeeNumber" });
    expect((await login(ctx.app, "dana", SECRET)).res.status).to.equal(503);
    expect(await ctx.deps.db.getRepository(User).count({ where: { provider: "ldap" } })).to.equal(0);
  });

  it("says the directory is unavailable when it is down, and the local admin still signs in", async () => {
    await makeUser(ctx.deps, { username: "breakglass", role: "admin" });
    await login(ctx.app, "victor", SECRET);
    await dir.stop();
    try {
      const { res } = await login(ctx.app, "victor", SECRET);
      expect(res.status).to.equal(503);
      expect(res.text).to.contain("directory is unavailable");
      const admin = await login(ctx.app, "breakglass", PASSWORD);
      expect(admin.res.status).to.equal(303);
      // a local user who types a wrong password while the directory is down learns nothing more than "unavailable"
      expect((await login(ctx.app, "breakglass", "nope-nope-nope")).res.status).to.equal(503);
      // a sync while the directory is down fails, is recorded, and changes nobody
      const run = await runJob(ctx.deps, ldapSyncJob(), { trigger: "manual", actorId: null });
      expect(run.outcome).to.equal("failure");
      expect(run.error).to.match(/no directory server answered/);
      expect((await userRow("victor"))!.active).to.equal(true);
    } finally {
      await dir.start();
    }
    expect((await login(ctx.app, "victor", SECRET)).res.status).to.equal(303);
  });

  it("fails over to the next server, and speaks TLS (ldaps:// and StartTLS) with the CA file", async () => {
    configure({ url: `ldap://127.0.0.1:1 ${dir.url}` });
    expect((await login(ctx.app, "nadia", SECRET)).res.status).to.equal(303);
    configure({ url: dir.ldapsUrl.replace("127.0.0.1", "localhost"), tlsCaFile: dir.caFile });
    expect((await login(ctx.app, "nadia", SECRET)).res.status).to.equal(303);
    configure({ url: dir.url, startTls: true, tlsCaFile: dir.caFile });
    // several times: the upgrade must be over before the first bind, every time
    for (let i = 0; i < 5; i++) expect((await login(ctx.app, "nadia", SECRET)).res.status).to.equal(303);
    // without the CA, the server's certificate is refused: unavailable, not "wrong password"
    configure({ url: dir.ldapsUrl });
    expect((await login(ctx.app, "nadia", SECRET)).res.status).to.equal(503);
  });

  describe("synchronisation", () => {
    const usernames = async () => (await ctx.deps.db.getRepository(User).find({ where: { provider: "ldap" }, order: { username: "ASC" } }))
      .map((u) => `${u.username}:${u.role}:${u.active}`);

    it("previews exactly the expected changes and changes nothing", async () => {
      await login(ctx.app, "paul", SECRET);
      await login(ctx.app, "nadia", SECRET);
      // nadia changed her phone in the directory; paul left the company
      await dir.apply(`dn: ${dn("nadia")}\nchangetype: modify\nreplace: telephoneNumber\ntelephoneNumber: +33 1 99 99 99 99\n`);
      await dir.remove(dn("paul"));
      try {
        const before = await usernames();
        const preview = await previewSync(ctx.deps, SYSTEM_ACTOR);
        const byAction = (a: string) => preview.changes.filter((c) => c.plan.action === a).map((c) => c.plan.username).sort();
        expect(byAction("create")).to.deep.equal(["admin-dir", "alice", "dana", "elodie", "marc", "olga", "vera", "victor"]);
        expect(byAction("update")).to.deep.equal(["nadia"]);
        expect(byAction("deactivate")).to.deep.equal(["paul"]);
        const nadia = preview.changes.find((c) => c.plan.username === "nadia")!.plan;
        expect(nadia.fields).to.deep.equal([{ field: "phone", from: null, to: "+33 1 99 99 99 99" }]);
        expect(preview.changes.find((c) => c.plan.username === "paul")!.plan.reason).to.equal("gone");
        expect(await usernames()).to.deep.equal(before);
      } finally {
        await dir.apply(`dn: ${dn("paul")}\nobjectClass: inetOrgPerson\nuid: paul\ncn: Paul Petit\nsn: Petit\ndisplayName: Paul Petit\nmail: paul@niveau.test\nuserPassword: ${SECRET}\n`);
        await dir.apply(`dn: ${dn("nadia")}\nchangetype: modify\ndelete: telephoneNumber\n`);
      }
    });

    it("applies: deactivates the person who left, ends their session and API token, and keeps a report", async () => {
      const paul = await login(ctx.app, "paul", SECRET);
      await paul.agent.get("/portal").expect(200);
      const paulRow = (await userRow("paul"))!;
      const paulActor = (await loadActor(ctx.deps.db.manager, paulRow.id))!;
      const { token } = await createApiToken(ctx.deps, paulActor, "scripts");
      const ticket = await makeTicket(ctx.deps, paulActor, { title: "Printer jammed on floor 2" });
      await makeAgent(ctx.deps, 1, { username: "n1-reader" });
      await request(ctx.app).get("/api/v1/me").set("authorization", `Bearer ${token}`).expect(200);
      await dir.remove(dn("paul"));
      try {
        const run = await runJob(ctx.deps, ldapSyncJob(), { trigger: "manual", actorId: null });
        expect(run.outcome).to.equal("success");
        expect(run.counts).to.include({ created: 9, deactivated: 1, failed: 0 });
        expect((await userRow("paul"))!).to.include({ active: false, deactivatedBy: "directory" });
        await paul.agent.get("/portal").expect(303);
        await request(ctx.app).get("/api/v1/me").set("authorization", `Bearer ${token}`).expect(401);
        expect((run.report as { deactivated: string[] }).deactivated).to.deep.equal(["paul"]);
        // their tickets stay, readable by the service desk
        const n1 = await signIn(ctx.app, "n1-reader");
        const page = await n1.get(`/tickets/${formatNumber(ticket.type, ticket.id)}`).expect(200);
        expect(page.text).to.contain("Printer jammed on floor 2");
        // a second run has nothing left to do
        const again = await runJob(ctx.deps, ldapSyncJob(), { trigger: "manual", actorId: null });
        expect(again.counts).to.include({ created: 0, updated: 0, deactivated: 0 });
      } finally {
        await dir.apply(`dn: ${dn("paul")}\nobjectClass: inetOrgPerson\nuid: paul\ncn: Paul Petit\nsn: Petit\ndisplayName: Paul Petit\nmail: paul@niveau.test\nuserPassword: ${SECRET}\n`);
      }
      // back in the directory (still a member of Everyone): the sync brings back the account it switched off itself
      await runJob(ctx.deps, ldapSyncJob(), { trigger: "manual", actorId: null });
      expect((await userRow("paul"))!.active).to.equal(true);
    });

    it("never deactivates an account the directory answered about ambiguously", async () => {
      await login(ctx.app, "nadia", SECRET);
      await login(ctx.app, "victor", SECRET);
      // a second entry claims the username nadia: neither is taken for her, her account stays
      await dir.apply(`dn: cn=Nadia Copy,ou=people,dc=niveau,dc=test\nobjectClass: inetOrgPerson\nuid: nadia\ncn: Nadia Copy\nsn: Copy\n`);
      try {
        const preview = await previewSync(ctx.deps, SYSTEM_ACTOR);
        expect(preview.changes.filter((c) => ["nadia", "victor"].includes(c.plan.username))).to.deep.equal([]);
        expect(preview.errors.map((e) => e.code)).to.deep.equal(["duplicate_username"]);
      } finally {
        await dir.remove("cn=Nadia Copy,ou=people,dc=niveau,dc=test");
      }
      // a username attribute nobody has (a typo in the settings): every entry is reported, nobody is deactivated
      configure({ usernameAttribute: "employeeNumber" });
      const preview = await previewSync(ctx.deps, SYSTEM_ACTOR);
      expect(preview.counts.deactivate).to.equal(0);
      expect(preview.errors.filter((e) => e.code === "no_username")).to.have.length(11);
    });

    it("never brings back an account an admin deactivated", async () => {
      await login(ctx.app, "nadia", SECRET);
      await ctx.deps.db.getRepository(User).update({ provider: "ldap", username: "nadia" }, { active: false, deactivatedBy: "admin" });
      invalidateReference(ctx.deps.db);
      expect((await login(ctx.app, "nadia", SECRET)).res.status).to.equal(401);
      await runJob(ctx.deps, ldapSyncJob(), { trigger: "manual", actorId: null });
      expect((await userRow("nadia"))!.active).to.equal(false);
    });

    it("pages through a directory of more than 1,000 people", async () => {
      // the fixture's server cuts a plain search at 500 entries; a paged one gets them all
      const bulk = Array.from({ length: 1100 }, (_, i) => `dn: uid=bulk${i},ou=bulk,dc=niveau,dc=test\nobjectClass: inetOrgPerson\nuid: bulk${i}\ncn: Bulk ${i}\nsn: Bulk\n`);
      await dir.apply(["dn: ou=bulk,dc=niveau,dc=test\nobjectClass: organizationalUnit\nou: bulk\n", ...bulk].join("\n"));
      configure({ searchBase: "dc=niveau,dc=test" });
      try {
        const preview = await previewSync(ctx.deps, SYSTEM_ACTOR);
        expect(preview.seen).to.equal(1111);
        // in no mapped group: not created
        expect(preview.counts.create).to.equal(10);
      } finally {
        await dir.remove("ou=bulk,dc=niveau,dc=test", { recursive: true });
      }
    });
  });

  describe("command line", () => {
    const env = () => ({
      LDAP_URL: dir.url, LDAP_BIND_DN: dir.serviceDn, LDAP_BIND_PASSWORD: dir.servicePassword, LDAP_SEARCH_BASE: "ou=people,dc=niveau,dc=test",
      LDAP_SEARCH_FILTER: "(&(objectClass=inetOrgPerson)(uid={{username}})(!(employeeType=disabled)))",
      LDAP_GROUP_SEARCH_BASE: "ou=groups,dc=niveau,dc=test", LDAP_GROUP_SEARCH_FILTER: "(&(objectClass=groupOfNames)(member={{dn}}))", LDAP_NESTED_GROUPS: "expand",
    });
    beforeEach(() => Object.assign(process.env, env()));
    afterEach(() => {
      for (const k of Object.keys(env())) delete process.env[k];
    });

    it("maps, lists, unmaps, previews and applies", async () => {
      const map = await runCli(["ldap", "map", "--group", "CN=IT-N3,OU=groups,DC=niveau,DC=test", "--role", "supervisor", "--support-group", N3]);
      expect(map.code, map.out).to.equal(0);
      const list = await runCli(["ldap", "mappings"]);
      expect(list.out).to.match(/supervisor\s+IT-Managers/);
      expect(list.out).to.contain(`CN=IT-N3,OU=groups,DC=niveau,DC=test  [${N3}]`);
      expect(list.out.indexOf("admin ")).to.be.lessThan(list.out.indexOf("requester"));
      expect((await runCli(["ldap", "map", "--group", "X", "--role", "agent", "--support-group", "Nope"])).code).to.equal(1);
      expect((await runCli(["ldap", "map", "--group", "X", "--role", "wizard"])).code).to.equal(1);
      expect((await runCli(["ldap", "unmap", "--group", "nothing-mapped"])).code).to.equal(1);
      expect((await runCli(["ldap", "unmap", "--group", "cn=it-n3,ou=groups,dc=niveau,dc=test"])).code).to.equal(0);
      const preview = await runCli(["ldap", "sync", "--preview"]);
      expect(preview.code, preview.out).to.equal(0);
      expect(preview.out).to.contain("to create");
      expect(preview.out).to.match(/create\s+elodie \(Élodie Dupré\)/);
      expect(await ctx.deps.db.getRepository(User).count({ where: { provider: "ldap" } })).to.equal(0);
      expect((await runCli(["ldap", "sync"])).code).to.equal(1);
      const apply = await runCli(["ldap", "sync", "--apply"]);
      expect(apply.code, apply.out).to.equal(0);
      expect(await ctx.deps.db.getRepository(User).count({ where: { provider: "ldap" } })).to.equal(10);
    });
  });

  describe("admin pages", () => {
    let admin: Agent;
    beforeEach(async () => {
      await makeUser(ctx.deps, { username: "root", role: "admin" });
      admin = await signIn(ctx.app, "root");
    });

    it("tests the connection and shows what a person would get", async () => {
      const token = await csrf(admin, "/admin/directory");
      const res = await admin.post("/admin/directory/test").type("form").send({ _csrf: token, username: "victor" }).expect(200);
      expect(res.text).to.contain("Victor Vidal");
      expect(res.text).to.contain("IT-N2");
      expect(res.text).to.contain(N2);
      const empty = await admin.post("/admin/directory/test").type("form").send({ _csrf: token, username: "" }).expect(422);
      expect(empty.text).to.contain("This field is required.");
      configure({ bindPassword: "wrong" });
      const bad = await admin.post("/admin/directory/test").type("form").send({ _csrf: token, username: "victor" }).expect(200);
      expect(bad.text).to.contain("refused the service account");
    });

    it("saves settings as overrides, checks them, never shows the password", async () => {
      const token = await csrf(admin, "/admin/directory");
      const page = await admin.get("/admin/directory").expect(200);
      expect(page.text).not.to.contain(dir.servicePassword);
      const form = {
        _csrf: token, url: dir.url, startTls: "", tlsCaFile: "", bindDn: dir.serviceDn, searchBase: "ou=people,dc=niveau,dc=test",
        searchFilter: "(uid=nobody)", usernameAttribute: "uid", groupSearchBase: "ou=groups,dc=niveau,dc=test",
        groupSearchFilter: "(member={{dn}})", nestedGroups: "expand", timeoutSeconds: "3", unmappedRole: "none",
        "attributes.displayName": "displayName", "attributes.email": "mail", "attributes.phone": "telephoneNumber",
        "attributes.department": "departmentNumber", "attributes.location": "l", "attributes.locale": "preferredLanguage",
      };
      const refused = await admin.post("/admin/directory").type("form").send(form).expect(422);
      expect(refused.text).to.contain("The filter must contain {{username}}.");
      const scheme = await admin.post("/admin/directory").type("form").send({ ...form, url: "http://dc1.example" }).expect(422);
      expect(scheme.text).to.contain("Enter ldap:// or ldaps:// URLs");
      const unbalanced = await admin.post("/admin/directory").type("form").send({ ...form, searchFilter: "(&(uid={{username}})" }).expect(422);
      expect(unbalanced.text).to.contain("This is not a valid LDAP filter");
      // the service password goes only to the servers of LDAP_URL
      const elsewhere = await admin.post("/admin/directory").type("form").send({ ...form, url: "ldap://collector.example:389", searchFilter: "(uid={{username}})" }).expect(422);
      expect(elsewhere.text).to.contain("The servers must be among those of LDAP_URL");
      // nor in clear where the environment uses TLS
      configure({ startTls: true, tlsCaFile: dir.caFile });
      const clear = await admin.post("/admin/directory").type("form").send({ ...form, searchFilter: "(uid={{username}})", startTls: "" }).expect(422);
      expect(clear.text).to.contain("keep StartTLS or use ldaps://");
      configure();
      await admin.post("/admin/directory").type("form").send({ ...form, searchFilter: "(&(objectClass=inetOrgPerson)(uid={{username}}))" }).expect(303);
      const saved = await admin.get("/admin/directory").expect(200);
      expect(saved.text).to.contain("set here");
      // the new filter no longer excludes disabled accounts: denis gets in as an employee
      expect((await login(ctx.app, "denis", SECRET)).res.status).to.equal(303);
      await admin.post("/admin/directory/reset").type("form").send({ _csrf: token }).expect(303);
    });

    it("maps and unmaps groups, with field errors for bad input", async () => {
      const token = await csrf(admin, "/admin/directory/mappings");
      const bad = await admin.post("/admin/directory/mappings").type("form").send({ _csrf: token, group: "", role: "wizard" }).expect(422);
      expect(bad.text).to.contain("This field is required.");
      await admin.post("/admin/directory/mappings").type("form").send({ _csrf: token, group: "IT-N1", role: "supervisor" }).expect(303);
      expect((await me((await login(ctx.app, "nadia", SECRET)).agent)).role).to.equal("supervisor");
      const page = await admin.get("/admin/directory/mappings").expect(200);
      const id = /action="\/admin\/directory\/mappings\/(\d+)\/delete"[^]*?IT-N1|IT-N1[^]*?action="\/admin\/directory\/mappings\/(\d+)\/delete"/.exec(page.text);
      expect(id).to.not.equal(null);
      await admin.post("/admin/directory/mappings/999999/delete").type("form").send({ _csrf: token }).expect(404);
    });

    it("previews and runs the sync from the page", async () => {
      const preview = await admin.get("/admin/directory/sync/preview").expect(200);
      expect(preview.text).to.contain("Élodie Dupré");
      const token = await csrf(admin, "/admin/directory/sync");
      await admin.post("/admin/directory/sync").type("form").send({ _csrf: token }).expect(303);
      const page = await admin.get("/admin/directory/sync").expect(200);
      expect(page.text).to.contain("succeeded");
      expect(await ctx.deps.db.getRepository(User).count({ where: { provider: "ldap", active: true } })).to.equal(10);
    });
  });
});
