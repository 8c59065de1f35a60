import fs from "node:fs";
import { expect } from "chai";
import { Client, InvalidCredentialsError, SizeLimitExceededError, type ClientOptions } from "ldapts";
import { ldapOrSkip, type Slapd } from "../helpers/slapd";

/** What a promise settled with: its value, or the error it rejected with. */
function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: Error & { code?: unknown } }> {
  return promise.then((value) => ({ ok: true as const, value }), (error: Error) => ({ ok: false as const, error }));
}

describe("integration: the slapd test fixture", () => {
  let dir: Slapd;
  const clients: Client[] = [];

  before(async function () {
    dir = await ldapOrSkip(this);
  });
  after(() => dir?.destroy());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.unbind().catch(() => undefined)));
  });

  function client(options: Partial<ClientOptions> = {}): Client {
    const c = new Client({ url: dir.url, timeout: 5000, connectTimeout: 2000, ...options });
    clients.push(c);
    return c;
  }
  async function reader(): Promise<Client> {
    const c = client();
    await c.bind(dir.serviceDn, dir.servicePassword);
    return c;
  }
  const person = (uid: string) => `uid=${uid},ou=people,${dir.baseDn}`;

  it("lets the service account find people, with accented values in UTF-8", async () => {
    const c = await reader();
    const { searchEntries } = await c.search(dir.baseDn, { filter: "(uid=elodie)", attributes: ["displayName", "departmentNumber", "mail", "l"] });
    expect(searchEntries).to.have.length(1);
    expect(searchEntries[0]).to.deep.include({
      dn: person("elodie"), displayName: "Élodie Dupré", departmentNumber: "Comptabilité", mail: "elodie.dupre@niveau.test", l: "Lyon",
    });
    const people = await c.search(`ou=people,${dir.baseDn}`, { scope: "one", filter: "(objectClass=inetOrgPerson)", attributes: ["uid"] });
    expect(people.searchEntries.map((e) => e.uid).sort()).to.deep.equal(
      ["admin-dir", "alice", "dana", "denis", "elodie", "marc", "nadia", "olga", "oscar", "paul", "vera", "victor"]);
    const groups = await c.search(`ou=groups,${dir.baseDn}`, { filter: `(member=${person("dana")})`, attributes: ["cn"] });
    expect(groups.searchEntries.map((e) => e.cn).sort()).to.deep.equal(["Everyone", "IT-N1", "IT-N2"]);
  });

  it("checks passwords, accented ones included", async () => {
    await client().bind(person("elodie"), "Écrit-çà-123");
    await client().bind(person("nadia"), "Secret-123");
    const wrong = await settle(client().bind(person("elodie"), "Ecrit-ca-123"));
    expect(wrong.ok).to.equal(false);
    expect(!wrong.ok && wrong.error).to.be.instanceOf(InvalidCredentialsError);
  });

  it("shows nothing to anonymous searches", async () => {
    const anonymous = await settle(client().search(dir.baseDn, { filter: "(uid=*)" }));
    // slapd refuses the base entry (insufficientAccess, 50); noSuchObject (32) or an empty result would do too
    if (anonymous.ok) expect(anonymous.value.searchEntries).to.have.length(0);
    else expect(anonymous.error.code).to.be.oneOf([50, 32]);
  });

  it("never shows userPassword to the service account, only to its owner", async () => {
    const c = await reader();
    const { searchEntries } = await c.search(person("elodie"), { scope: "base", attributes: ["userPassword", "mail"] });
    expect(searchEntries[0]).to.have.property("mail");
    // ldapts lists an asked-for attribute the server did not send as []
    expect(searchEntries[0].userPassword ?? []).to.deep.equal([]);
    const all = await c.search(person("elodie"), { scope: "base" });
    expect(all.searchEntries[0]).to.include({ uid: "elodie" }).and.not.to.have.property("userPassword");
    const self = client();
    await self.bind(person("elodie"), "Écrit-çà-123");
    const own = await self.search(person("elodie"), { scope: "base", attributes: ["userPassword"] });
    expect(own.searchEntries[0]).to.have.property("userPassword");
  });

  it("speaks StartTLS and ldaps:// with its CA, and fails without it", async () => {
    const ca = [fs.readFileSync(dir.caFile)];
    const startTls = client();
    await startTls.startTLS({ ca });
    await startTls.bind(dir.serviceDn, dir.servicePassword);
    expect((await startTls.search(person("nadia"), { scope: "base" })).searchEntries).to.have.length(1);

    const ldaps = client({ url: dir.ldapsUrl, tlsOptions: { ca } });
    await ldaps.bind(dir.serviceDn, dir.servicePassword);
    expect((await ldaps.search(person("nadia"), { scope: "base" })).searchEntries).to.have.length(1);

    const untrustedStartTls = await settle(client().startTLS({}));
    expect(untrustedStartTls.ok).to.equal(false);
    expect(!untrustedStartTls.ok && untrustedStartTls.error.message).to.match(/certificate/i);
    const untrustedLdaps = await settle(client({ url: dir.ldapsUrl }).bind(dir.serviceDn, dir.servicePassword));
    expect(untrustedLdaps.ok).to.equal(false);
    expect(!untrustedLdaps.ok && untrustedLdaps.error.message).to.match(/certificate/i);
  });

  it("goes down on stop() and comes back with the same data on start()", async () => {
    await dir.apply(`dn: uid=stop-marker,ou=people,${dir.baseDn}\nobjectClass: inetOrgPerson\nuid: stop-marker\ncn: Stop Marker\nsn: Marker\n`);
    await dir.stop();
    for (const url of [dir.url, dir.ldapsUrl]) {
      const down = await settle(client({ url, tlsOptions: { ca: [fs.readFileSync(dir.caFile)] } }).bind(dir.serviceDn, dir.servicePassword));
      expect(down.ok).to.equal(false);
      expect(!down.ok && down.error.code).to.equal("ECONNREFUSED");
    }
    await dir.start();
    const c = await reader();
    const { searchEntries } = await c.search(`ou=people,${dir.baseDn}`, { filter: "(|(uid=stop-marker)(uid=elodie))", attributes: ["uid"] });
    expect(searchEntries.map((e) => e.uid).sort()).to.deep.equal(["elodie", "stop-marker"]);
    await dir.remove(`uid=stop-marker,ou=people,${dir.baseDn}`);
    expect((await c.search(`ou=people,${dir.baseDn}`, { filter: "(uid=stop-marker)" })).searchEntries).to.have.length(0);
  });

  it("cuts plain searches at 500 entries while paged searches get them all", async () => {
    const bulk = `ou=bulk,${dir.baseDn}`;
    const records = [`dn: ${bulk}\nobjectClass: organizationalUnit\nou: bulk\n`];
    for (let i = 1; i <= 1100; i++) {
      const uid = `bulk${String(i).padStart(4, "0")}`;
      records.push(`dn: uid=${uid},${bulk}\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: Bulk ${i}\nsn: Bulk\nmail: ${uid}@niveau.test\n`);
    }
    await dir.apply(records.join("\n"));
    try {
      const c = await reader();
      const paged = await c.search(bulk, { filter: "(objectClass=inetOrgPerson)", attributes: ["uid"], paged: { pageSize: 200 } });
      expect(paged.searchEntries).to.have.length(1100);
      expect(new Set(paged.searchEntries.map((e) => e.uid)).size).to.equal(1100);
      const plain = await settle(c.search(bulk, { filter: "(objectClass=inetOrgPerson)", attributes: ["uid"] }));
      expect(plain.ok).to.equal(false);
      expect(!plain.ok && plain.error).to.be.instanceOf(SizeLimitExceededError);
    } finally {
      await dir.remove(bulk, { recursive: true });
    }
  });
});
