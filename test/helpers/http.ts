import request from "supertest";
import type express from "express";
import { PASSWORD } from "../factories";
import type { Deps } from "../../src/platform/deps";
import type { Actor } from "../../src/access/actor";
import { createApiToken } from "../../src/modules/users/commands/api-tokens";

export type Agent = ReturnType<typeof request.agent>;

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html) ?? /name="csrf-token" content="([^"]+)"/.exec(html);
  if (!m) throw new Error("no CSRF token in page");
  return m[1];
}

/** A browser-like client signed in as username (cookies kept). */
export async function signIn(app: express.Express, username: string, password = PASSWORD): Promise<Agent> {
  const agent = request.agent(app);
  const page = await agent.get("/login").expect(200);
  await agent.post("/login").type("form").send({ username, password, _csrf: csrfFrom(page.text) }).expect(303);
  return agent;
}

/** The CSRF token of a page the agent can open. */
export async function csrf(agent: Agent, url = "/profile"): Promise<string> {
  const res = await agent.get(url);
  return csrfFrom(res.text);
}

/** A JSON API v1 client acting as this person with a fresh bearer token (paths are under /api/v1). */
export async function apiClient(deps: Deps, app: express.Express, actor: Actor) {
  const { token } = await createApiToken(deps, actor, "test");
  const auth = (r: request.Test) => r.set("authorization", `Bearer ${token}`);
  return {
    get: (p: string) => auth(request(app).get(`/api/v1${p}`)),
    post: (p: string, b: object = {}) => auth(request(app).post(`/api/v1${p}`)).send(b),
    del: (p: string) => auth(request(app).delete(`/api/v1${p}`)),
    patch: (p: string, b: object = {}) => auth(request(app).patch(`/api/v1${p}`)).send(b),
  };
}
