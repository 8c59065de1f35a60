import { expect } from "chai";
import { ONE_OF_EACH, statusOf } from "../helpers/actors";
import { authorizeKb, canKb, inKbScope, isKbEditor, kbScope, KB_ACTIONS, type KbArticleSubject } from "../../src/access/policies/kb.policy";

const ACTORS = ONE_OF_EACH;

const ARTICLES: Record<string, KbArticleSubject> = {
  published_everyone: { audience: "everyone", status: "published" },
  published_agents: { audience: "agents", status: "published" },
  draft_everyone: { audience: "everyone", status: "draft" },
  draft_agents: { audience: "agents", status: "draft" },
  archived_everyone: { audience: "everyone", status: "archived" },
  archived_agents: { audience: "agents", status: "archived" },
};

// Columns follow KB_ACTIONS (read, write, feedback); 1 = allowed.
const EDITOR = {
  published_everyone: [1, 1, 1], published_agents: [1, 1, 1], draft_everyone: [1, 1, 0], draft_agents: [1, 1, 0],
  archived_everyone: [1, 1, 0], archived_agents: [1, 1, 0],
};
const MATRIX: Record<string, Record<string, number[]>> = {
  requester: {
    published_everyone: [1, 0, 1], published_agents: [0, 0, 0], draft_everyone: [0, 0, 0], draft_agents: [0, 0, 0],
    archived_everyone: [0, 0, 0], archived_agents: [0, 0, 0],
  },
  agent_n1: EDITOR,
  agent_n3: EDITOR,
  supervisor: EDITOR,
  admin: EDITOR,
};

const status = statusOf;

describe("unit: knowledge base policy (role x action x article state)", () => {
  for (const [who, rows] of Object.entries(MATRIX)) {
    for (const [kind, expected] of Object.entries(rows)) {
      it(`${who} on an article ${kind}: ${expected.join("")}`, () => {
        expect(KB_ACTIONS.map((a) => (canKb(ACTORS[who], a, ARTICLES[kind]) ? 1 : 0))).to.deep.equal(expected);
      });
    }
  }

  it("editors are the technicians, supervisors and admins; everyone browses the knowledge base as a whole", () => {
    expect(Object.values(ACTORS).filter(isKbEditor).map((a) => a.role)).to.deep.equal(["agent", "agent", "supervisor", "admin"]);
    for (const a of Object.values(ACTORS)) expect(canKb(a, "read"), a.role).to.equal(true);
  });

  it("an article the reader may not read is a 404 for every action but writing, which is a 403 for a non-editor", () => {
    const req = ACTORS.requester;
    for (const kind of Object.keys(ARTICLES).filter((k) => k !== "published_everyone")) {
      expect(status(() => authorizeKb(req, "read", ARTICLES[kind])), kind).to.equal(404);
      expect(status(() => authorizeKb(req, "feedback", ARTICLES[kind])), kind).to.equal(404);
    }
    expect(status(() => authorizeKb(req, "read", ARTICLES.published_everyone))).to.equal(200);
    expect(status(() => authorizeKb(req, "read", null))).to.equal(404);
    expect(status(() => authorizeKb(req, "write"))).to.equal(403);
    expect(status(() => authorizeKb(req, "write", ARTICLES.published_everyone))).to.equal(403);
    expect(status(() => authorizeKb(ACTORS.agent_n1, "write", null))).to.equal(404);
    expect(status(() => authorizeKb(ACTORS.agent_n1, "feedback", ARTICLES.draft_everyone))).to.equal(404);
    expect(status(() => authorizeKb(ACTORS.admin, "read", ARTICLES.archived_agents))).to.equal(200);
  });

  it("scopes the lists like the rule: an employee (or nobody) only the published articles for everyone", () => {
    const employee = "a.status = 'published' AND a.audience = 'everyone'";
    expect(kbScope(ACTORS.requester)).to.equal(employee);
    expect(kbScope(ACTORS.requester, { status: "all" })).to.equal(employee);
    expect(kbScope(ACTORS.requester, { status: "draft" })).to.equal(employee);
    expect(kbScope(null, { status: "all" })).to.equal(employee);
    expect(kbScope(ACTORS.agent_n1)).to.equal("a.status = 'published'");
    expect(kbScope(ACTORS.agent_n1, { status: "draft" })).to.equal("a.status = 'draft'");
    expect(kbScope(ACTORS.agent_n1, { status: "x' OR 1=1 --" as "draft" })).to.equal("a.status = 'published'");
    expect(kbScope(ACTORS.supervisor, { status: "all" })).to.equal("1 = 1");
    expect(kbScope(ACTORS.admin, {}, "k")).to.equal("k.status = 'published'");
  });

  it("decides rows already read (inKbScope) exactly as the SQL scope does, for every role, article and filter", () => {
    const holds = (sql: string, a: KbArticleSubject) => sql === "1 = 1" || sql.split(" AND ").every((c) => {
      const [, col, v] = /^a\.(status|audience) = '(\w+)'$/.exec(c)!;
      return a[col as "status" | "audience"] === v;
    });
    for (const actor of [...Object.values(ACTORS), null]) {
      for (const status of [undefined, "published", "draft", "archived", "all"] as const) {
        for (const a of Object.values(ARTICLES)) {
          expect(inKbScope(actor, { status }, a), `${actor?.role} ${status} ${a.status}/${a.audience}`).to.equal(holds(kbScope(actor, { status }), a));
        }
      }
    }
  });
});
