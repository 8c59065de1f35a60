import { expect } from "chai";
import { escapeFilterValue, everyoneFilter, groupFilter, isValidFilter, personFrom, userFilter, type LdapSettings } from "../../src/platform/auth/ldap";
import { needsForce } from "../../src/modules/directory/commands/sync";
import { groupKey, managedGroupIds, resolveAccess, ROLES_BY_PRECEDENCE, type MappingRule } from "../../src/modules/directory/access";
import { localeFrom, planGone, planPerson, type DirectoryAccount } from "../../src/modules/directory/plan";
import { withOverrides, toLdapSettings } from "../../src/modules/directory/settings";
import { loadConfig } from "../../src/platform/config";

const settings: LdapSettings = {
  urls: ["ldap://127.0.0.1:389"], bindDn: "cn=r", bindPassword: "p", searchBase: "dc=x", searchFilter: "(&(objectClass=user)(sAMAccountName={{username}}))",
  usernameAttribute: "sAMAccountName", groupSearchBase: "dc=x", groupSearchFilter: "(&(objectClass=group)(member={{dn}}))", nestedGroups: "off",
  tlsCaFile: "", startTls: false, timeoutMs: 1000,
  attributes: { displayName: "displayName", email: "mail", phone: "telephoneNumber", department: "department", location: "l", locale: "preferredLanguage" },
};

const rule = (id: number, ref: string, role: MappingRule["role"], groups: number[] = []): MappingRule => ({
  id, groupRef: ref, groupKey: groupKey(ref), role, supportGroups: groups.map((g) => ({ id: g, name: `G${g}`, tier: 1 })),
});
const g = (dn: string) => ({ dn, name: /^cn=([^,]+)/i.exec(dn)![1] });

describe("directory: filters", () => {
  it("escapes every special character of RFC 4515, the backslash first", () => {
    expect(escapeFilterValue("a*b(c)d\\e\0f")).to.equal("a\\2ab\\28c\\29d\\5ce\\00f");
    expect(escapeFilterValue("Élodie")).to.equal("Élodie");
  });
  it("puts the escaped username in the user filter, and a presence test for everyone", () => {
    expect(userFilter(settings, "admin)(|(uid=*")).to.equal("(&(objectClass=user)(sAMAccountName=admin\\29\\28|\\28uid=\\2a))");
    expect(everyoneFilter(settings)).to.equal("(&(objectClass=user)(sAMAccountName=*))");
  });
  it("uses AD's in-chain matching rule for nested groups when asked", () => {
    const dn = "CN=Doe\\, John,OU=People,DC=corp";
    expect(groupFilter(settings, dn)).to.equal("(&(objectClass=group)(member=CN=Doe\\5c, John,OU=People,DC=corp))");
    expect(groupFilter({ ...settings, nestedGroups: "in-chain" }, "cn=a")).to.equal("(&(objectClass=group)(member:1.2.840.113556.1.4.1941:=cn=a))");
  });
  it("keeps $-patterns of a username as plain text", () => {
    expect(userFilter(settings, "x$'")).to.equal("(&(objectClass=user)(sAMAccountName=x$'))");
    expect(userFilter(settings, "$&")).to.equal("(&(objectClass=user)(sAMAccountName=$&))");
    expect(isValidFilter(userFilter(settings, "x$'"))).to.equal(true);
  });
  it("refuses filters a client library would choke on", () => {
    for (const bad of ["(&(uid=x)", "(uid=x))", "uid=x", "(uid=x)(cn=y)", "((uid=x)", ""]) expect(isValidFilter(bad), bad).to.equal(false);
    for (const good of ["(uid=x)", "(&(objectClass=user)(member:1.2.840.113556.1.4.1941:=cn=a\\2c b))", "(!(a=b))"]) expect(isValidFilter(good), good).to.equal(true);
  });
  it("reads attributes case-insensitively, the first of several values, trimmed", () => {
    const p = personFrom({ dn: "cn=a", SAMACCOUNTNAME: "JDoe", displayname: [" John Doe ", "x"], mail: "", l: Buffer.from("Lyon") }, settings);
    expect(p).to.deep.include({ username: "jdoe", displayName: "John Doe", email: null, location: "Lyon" });
  });
});

describe("directory: mapping groups to a role", () => {
  const rules = [rule(1, "IT-N1", "agent", [1]), rule(2, "CN=IT-N2, OU=Groups,DC=corp", "agent", [2]), rule(3, "Everyone", "requester"), rule(4, "IT-Managers", "supervisor", [1])];
  it("matches by CN or by DN, whatever the case and spacing", () => {
    const a = resolveAccess([g("cn=it-n2,ou=groups,dc=corp")], rules, "none");
    expect(a.role).to.equal("agent");
    expect(a.groupIds).to.deep.equal([2]);
    expect(resolveAccess([g("cn=IT-N2,ou=Other,dc=corp")], rules, "none").role).to.equal(null);
  });
  it("takes the highest role and the union of support groups: two groups never take access away", () => {
    const a = resolveAccess([g("cn=Everyone,dc=corp"), g("cn=IT-N1,dc=corp"), g("cn=IT-N2,ou=groups,dc=corp")], rules, "none");
    expect(a).to.deep.include({ role: "agent", groupIds: [1, 2] });
    expect(resolveAccess([g("cn=IT-N1,dc=corp"), g("cn=IT-Managers,dc=corp")], rules, "none")).to.deep.include({ role: "supervisor", groupIds: [1] });
  });
  it("gives people in no mapped group nothing, or the requester role when configured", () => {
    expect(resolveAccess([g("cn=Sales,dc=corp")], rules, "none").role).to.equal(null);
    expect(resolveAccess([], rules, "requester").role).to.equal("requester");
  });
  it("holds back deactivating everyone, or more than a quarter, but not one person leaving", () => {
    expect(needsForce(1, 1, 5)).to.equal(false);
    expect(needsForce(2, 5, 5)).to.equal(false);
    expect(needsForce(5, 5, 5)).to.equal(true);
    expect(needsForce(3, 5, 2)).to.equal(true);
    expect(needsForce(1, 3, 0)).to.equal(true);
    expect(needsForce(25, 100, 80)).to.equal(false);
    expect(needsForce(26, 100, 80)).to.equal(true);
  });
  it("shows the precedence highest first", () => {
    expect(ROLES_BY_PRECEDENCE).to.deep.equal(["admin", "supervisor", "agent", "requester"]);
    expect([...managedGroupIds(rules)].sort()).to.deep.equal([1, 2]);
  });
});

describe("directory: what a sign-in or a sync does to an account", () => {
  const person = { dn: "uid=v,dc=x", username: "v", displayName: "Victor", email: "v@x", phone: null, department: "IT", location: null, locale: "fr-FR" };
  const account = (over: Partial<DirectoryAccount> = {}): DirectoryAccount => ({
    id: 7, username: "v", displayName: "Victor", email: "v@x", phone: null, department: "IT", location: null, locale: "fr", role: "agent",
    active: true, deactivatedBy: null, directoryDn: "uid=v,dc=x", groupIds: [2], ...over,
  });
  const managed = new Set([1, 2]);
  it("creates a new person with access, refuses one without", () => {
    expect(planPerson(person, { role: "agent", groupIds: [2], matched: [] }, null, managed)).to.deep.include({ action: "create", nextGroupIds: [2] });
    expect(planPerson(person, { role: null, groupIds: [], matched: [] }, null, managed)).to.deep.include({ action: "refuse", reason: "unmapped" });
  });
  it("finds nothing to change when nothing changed", () => {
    expect(planPerson(person, { role: "agent", groupIds: [2], matched: [] }, account(), managed).action).to.equal("unchanged");
  });
  it("lists the fields, role and managed groups that change, and keeps hand-added groups", () => {
    const p = planPerson({ ...person, email: "new@x" }, { role: "requester", groupIds: [], matched: [] }, account({ groupIds: [2, 9] }), managed);
    expect(p).to.deep.include({ action: "update", role: { from: "agent", to: "requester" }, groupsRemoved: [2], groupsAdded: [], nextGroupIds: [9] });
    expect(p.fields).to.deep.equal([{ field: "email", from: "v@x", to: "new@x" }]);
  });
  it("deactivates people out of every mapped group or gone, and never revives an admin's deactivation", () => {
    expect(planPerson(person, { role: null, groupIds: [], matched: [] }, account(), managed)).to.deep.include({ action: "deactivate", reason: "unmapped" });
    expect(planGone(account())).to.deep.include({ action: "deactivate", reason: "gone" });
    expect(planGone(account({ active: false })).action).to.equal("unchanged");
    expect(planPerson(person, { role: "agent", groupIds: [2], matched: [] }, account({ active: false, deactivatedBy: "admin" }), managed).action).to.equal("refuse");
    expect(planPerson(person, { role: "agent", groupIds: [2], matched: [] }, account({ active: false, deactivatedBy: "directory" }), managed))
      .to.deep.include({ action: "update", reactivate: true });
  });
  it("reads the preferred language loosely and keeps the person's choice when the directory says nothing useful", () => {
    expect(["fr", "fr-FR", "fr_CA", "French", "en-GB", "de", ""].map(localeFrom)).to.deep.equal(["fr", "fr", "fr", "fr", "en", null, null]);
    expect(planPerson({ ...person, locale: null }, { role: "agent", groupIds: [2], matched: [] }, account(), managed).action).to.equal("unchanged");
  });
});

describe("directory: settings", () => {
  it("reads LDAP_* variables, splits failover URLs and refuses a filter without its placeholder", () => {
    const cfg = loadConfig({ NODE_ENV: "test", LDAP_URL: "ldap://a:389 ldaps://b:636", LDAP_BIND_DN: "cn=r", LDAP_BIND_PASSWORD: "s", LDAP_SEARCH_BASE: "dc=x", LDAP_STARTTLS: "true" });
    expect(toLdapSettings(cfg.ldap)).to.deep.include({ urls: ["ldap://a:389", "ldaps://b:636"], startTls: true, bindPassword: "s" });
    expect(() => loadConfig({ NODE_ENV: "test", LDAP_URL: "ldap://a", LDAP_BIND_DN: "cn=r", LDAP_SEARCH_BASE: "dc=x", LDAP_SEARCH_FILTER: "(uid=x)" }))
      .to.throw(/ldap.searchFilter \(LDAP_SEARCH_FILTER\): must contain \{\{username\}\}/);
    expect(() => loadConfig({ NODE_ENV: "test", LDAP_URL: "http://a" })).to.throw(/LDAP_URL/);
    expect(toLdapSettings(loadConfig({ NODE_ENV: "test" }).ldap)).to.equal(null);
  });
  it("lets the admin page override single fields", () => {
    const base = loadConfig({ NODE_ENV: "test" }).ldap;
    const cfg = withOverrides(base, { url: "ldap://x", "attributes.email": "userPrincipalName" });
    expect(cfg.url).to.equal("ldap://x");
    expect(cfg.attributes.email).to.equal("userPrincipalName");
    expect(base.attributes.email).to.equal("mail");
  });
});
