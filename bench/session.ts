/** A tiny cookie jar: name -> value, enough for the one session cookie. */
class Jar {
  private readonly cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

function unescapeHtml(s: string): string {
  return s.replace(/&#(\d+);/g, (_m, d: string) => String.fromCharCode(Number(d)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The `_csrf` hidden field of a form page. */
export function csrfField(html: string): string {
  const m = /name="_csrf"\s+value="([^"]*)"/.exec(html) ?? /value="([^"]*)"\s+name="_csrf"/.exec(html);
  if (!m) throw new Error("no _csrf field in the page");
  return unescapeHtml(m[1]);
}

export interface SignedIn {
  /** The Cookie header of the signed-in session. */
  cookie: string;
  /** The session's CSRF token (from the portal's new-ticket form). */
  csrf: string;
}

async function get(url: string, jar: Jar): Promise<{ status: number; html: string }> {
  const res = await fetch(url, { headers: { cookie: jar.header() }, redirect: "manual" });
  jar.take(res);
  return { status: res.status, html: await res.text() };
}

/** GET /login for a token, POST /login, then GET /portal/new for the session's form token. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<SignedIn> {
  const jar = new Jar();
  const login = await get(`${baseUrl}/login`, jar);
  if (login.status !== 200) throw new Error(`GET /login answered ${login.status}`);
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrfField(login.html), username, password }).toString(),
  });
  jar.take(res);
  await res.text();
  if (res.status !== 303) throw new Error(`POST /login answered ${res.status} (expected 303): wrong password or throttled?`);
  const form = await get(`${baseUrl}/portal/new`, jar);
  if (form.status !== 200) throw new Error(`GET /portal/new answered ${form.status}`);
  return { cookie: jar.header(), csrf: csrfField(form.html) };
}

/** A multipart/form-data body, built by hand (the new-ticket route takes nothing else). */
export function multipart(fields: Record<string, string>): { body: Buffer; contentType: string } {
  const boundary = "----NiveauBenchBoundary7d3f0c2a";
  const parts = Object.entries(fields).map(([name, value]) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return { body: Buffer.from(`${parts.join("")}--${boundary}--\r\n`, "utf8"), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A GET with the session, for sanity checks before the load. */
export async function fetchPage(baseUrl: string, path: string, s: SignedIn): Promise<{ status: number; html: string }> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { cookie: s.cookie }, redirect: "manual" });
  return { status: res.status, html: await res.text() };
}

/**
 * An API token of the signed-in person, made as they would make it (POST /profile/tokens,
 * shown once on the page that answers): what a tool calling the JSON API sends.
 */
export async function apiToken(baseUrl: string, s: SignedIn, name: string): Promise<string> {
  const res = await fetch(`${baseUrl}/profile/tokens`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: s.csrf, name }).toString(),
  });
  const html = await res.text();
  const token = /nvt_[A-Za-z0-9_-]+/.exec(html)?.[0];
  if (res.status !== 201 || !token) throw new Error(`POST /profile/tokens answered ${res.status} without a token`);
  return token;
}
