import { expect } from "chai";
import { createTicketSchema, escalateSchema, commentSchema, queueFilterSchema } from "../../src/modules/tickets/ticket.schemas";
import { parse } from "../../src/platform/http/validate";
import { AppError } from "../../src/platform/http/errors";
import { formatNumber, parseNumber } from "../../src/modules/tickets/ticket.types";
import { loadConfig, ConfigError } from "../../src/platform/config";

function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(AppError);
    expect((e as AppError).status).to.equal(422);
    return (e as AppError).fields ?? {};
  }
  throw new Error("expected a validation error");
}

describe("unit: schemas and formats", () => {
  it("a new ticket needs a title and a description, trimmed", () => {
    const f = fieldsOf(() => parse(createTicketSchema, { type: "incident", title: "   ", description: "" }));
    expect(f).to.deep.equal({ title: "validation.required", description: "validation.required" });
  });
  it("a new ticket keeps only its own fields: no priority, tier or assignee", () => {
    const v = parse(createTicketSchema, { type: "request", title: "Laptop", description: "New hire", priority: 1, tier: 3, assigneeId: 7 });
    expect(v).to.not.have.property("priority");
    expect(v).to.not.have.property("tier");
    expect(v).to.not.have.property("assigneeId");
    expect(v.impact).to.equal("low");
    expect(v.urgency).to.equal("medium");
  });
  it("rejects an impact outside the scale and a bad phone", () => {
    const f = fieldsOf(() => parse(createTicketSchema, { type: "incident", title: "x", description: "y", impact: "huge", callbackPhone: "call me" }));
    expect(f.impact).to.equal("validation.choice");
    expect(f.callbackPhone).to.equal("validation.phone");
  });
  it("escalation needs a reason and a hand-over note", () => {
    const f = fieldsOf(() => parse(escalateSchema, { reason: "", note: "" }));
    expect(Object.keys(f).sort()).to.deep.equal(["note", "reason"]);
  });
  it("reads the internal flag from forms and JSON", () => {
    expect(parse(commentSchema, { body: "x", internal: "1" }).internal).to.equal(true);
    expect(parse(commentSchema, { body: "x", internal: "0" }).internal).to.equal(false);
    expect(parse(commentSchema, { body: "x", internal: true }).internal).to.equal(true);
    expect(parse(commentSchema, { body: "x" }).internal).to.equal(false);
  });
  it("queue filters default to the open view", () => {
    expect(parse(queueFilterSchema, {}).view).to.equal("open");
    fieldsOf(() => parse(queueFilterSchema, { view: "everything" }));
  });
  it("formats and parses ticket numbers", () => {
    expect(formatNumber("incident", 123)).to.equal("INC-000123");
    expect(formatNumber("request", 124)).to.equal("REQ-000124");
    expect(parseNumber("INC-000123")).to.deep.equal({ id: 123, prefix: "INC" });
    expect(parseNumber("req-7")).to.deep.equal({ id: 7, prefix: "REQ" });
    expect(parseNumber("42")).to.deep.equal({ id: 42, prefix: null });
    expect(parseNumber("PRB-1")).to.equal(null);
    expect(parseNumber("0")).to.equal(null);
  });
  it("configuration errors name the bad setting and its variable", () => {
    expect(() => loadConfig({ ...process.env, PORT: "seventy" })).to.throw(ConfigError, /port \(PORT\)/);
    expect(() => loadConfig({ ...process.env, DATABASE_URL: "mysql://x" })).to.throw(ConfigError, /DATABASE_URL/);
    expect(loadConfig({ ...process.env, UPLOAD_MAX_FILE_MB: "3" }).uploads.maxFileSizeMb).to.equal(3);
  });
});
