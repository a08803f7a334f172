/**
 * LocalSessionRegistry: sessions made for a URL through the router, found by id, and ended
 * when the tab they wait for does not come (a page's join: joinTimeout; a resume: retention).
 * Driven directly, its sweep given explicit times.
 */
import { describe, expect, it } from "vitest";
import { Component, html } from "../../src/index.js";
import { Router } from "../../src/server/routes.js";
import type { LocalSessionRegistry } from "../../src/server/session-registry.js";
import type { Transport } from "../../src/session/channel.js";
import type { LiveSession } from "../../src/session/live-session.js";
import { Counter } from "../../examples/counter.js";
import { serverParts } from "../support/server-parts.js";

/** A page whose async mount() sets what it renders. */
class Loaded extends Component<Record<string, never>, { text: string }> {
  state = { text: "loading" };
  async mount() {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.setState({ text: "loaded" });
  }
  render() {
    return html`<p>${this.state.text}</p>`;
  }
}

const JOIN_TIMEOUT = 1_000;
const RETENTION = 5_000;

const router = new Router({ "/counter": Counter, "/loaded": Loaded });

function registry(): LocalSessionRegistry {
  return serverParts({ routes: { "/counter": Counter, "/loaded": Loaded }, joinTimeout: JOIN_TIMEOUT, retention: RETENTION }).registry;
}

/** A transport that records how it was closed. */
function transport(): Transport & { closed: [number?, string?] | null } {
  return {
    closed: null,
    send() {},
    close(code?: number, reason?: string) {
      this.closed = [code, reason];
    },
  };
}

/** `hold` makes `session` wait: a sweep keeps it until `ms` have passed, and ends and forgets it after. */
function expectHeldFor(r: LocalSessionRegistry, session: LiveSession, hold: () => void, ms: number): void {
  const before = Date.now();
  hold();
  expect(r.expiring).toBe(1);
  r.sweep(before + ms - 1);
  expect(session.isEnded).toBe(false);
  r.sweep(Date.now() + ms);
  expect(session.isEnded).toBe(true);
  expect(r.sessions.has(session.id)).toBe(false);
  expect(r.expiring).toBe(0);
}

async function created(r: LocalSessionRegistry, url = "/counter", context?: unknown): Promise<LiveSession> {
  const session = await r.create(url, router.match(url), context);
  expect(session).not.toBeNull();
  return session!;
}

describe("making and finding sessions", () => {
  it("creates a session for a route's URL, lists it by id and finds it; a new session waits for nothing", async () => {
    const r = registry();
    const session = await created(r, "/counter?x=1");
    expect(session.path).toBe("/counter?x=1");
    expect(session.toHtml()).toContain('<output id="count">0</output>');
    expect(r.find(session.id)).toBe(session);
    expect([...r.sessions.keys()]).toEqual([session.id]);
    expect(r.expiring).toBe(0);
    expect(r.find("no-such-session")).toBeUndefined();
  });

  it("creates nothing for a URL no route serves", async () => {
    const r = registry();
    expect(await r.create("/nowhere", router.match("/nowhere"), undefined)).toBeNull();
    expect(r.sessions.size).toBe(0);
  });

  it("renders the route it is given, for the context it is given", async () => {
    const r = registry();
    const match = new Router({ "/loaded": Loaded }).match("/loaded")!;
    const session = await r.create("/counter", match, { user: "ann" });
    expect(session!.toHtml()).toBe("<p>loaded</p>");
    expect(session!.context).toEqual({ user: "ann" });
  });

  it("resolves once the page's mount() hooks are done, with what they rendered", async () => {
    const session = await created(registry(), "/loaded");
    expect(session.toHtml()).toBe("<p>loaded</p>");
  });

  it("gives every session of a server one options object, not one each", async () => {
    const r = registry();
    const [a, b] = [await created(r), await created(r)];
    const options = (s: LiveSession) => (s as unknown as { options: object }).options;
    expect(options(a)).toBe(options(b));
  });

  it("forgets a session when it ends, also while it waits for a tab", async () => {
    const r = registry();
    const session = await created(r);
    r.holdForJoin(session);
    session.end();
    expect(r.find(session.id)).toBeUndefined();
    expect(r.sessions.size).toBe(0);
    expect(r.expiring).toBe(0);
  });
});

describe("sessions waiting for a tab", () => {
  it("ends a page's session that no tab joins within joinTimeout, at the first sweep after it", async () => {
    const r = registry();
    const session = await created(r);
    expectHeldFor(r, session, () => r.holdForJoin(session), JOIN_TIMEOUT);
  });

  it("keeps a claimed session however late the sweep", async () => {
    const r = registry();
    const session = await created(r);
    r.holdForJoin(session);
    r.claim(session);
    expect(r.expiring).toBe(0);
    r.sweep(Date.now() + 100 * RETENTION);
    expect(session.isEnded).toBe(false);
    expect(r.find(session.id)).toBe(session);
  });

  it("holds a session that lost its transport for retention, then ends it", async () => {
    const r = registry();
    const session = await created(r);
    const t = transport();
    session.attach(t);
    session.detach(t);
    expectHeldFor(r, session, () => r.holdForResume(session), RETENTION);
  });

  it("does not hold a session another transport has taken (an old connection closing after a resume), nor an ended one", async () => {
    const r = registry();
    const connected = await created(r);
    connected.attach(transport());
    r.holdForResume(connected);
    const ended = await created(r);
    ended.end();
    r.holdForResume(ended);
    expect(r.expiring).toBe(0);
  });

  it("a later hold replaces an earlier one: a resumed tab that drops again gets the whole retention", async () => {
    const r = registry();
    const session = await created(r);
    r.holdForJoin(session);
    r.holdForResume(session);
    expect(r.expiring).toBe(1);
    r.sweep(Date.now() + JOIN_TIMEOUT);
    expect(session.isEnded).toBe(false);
  });
});

describe("sessions made for a page (createForPage), and their caps", () => {
  function capped(maxPendingSessions: number, maxPendingPerClient: number): LocalSessionRegistry {
    return serverParts({ routes: { "/counter": Counter, "/loaded": Loaded }, joinTimeout: JOIN_TIMEOUT, maxPendingSessions, maxPendingPerClient }).registry;
  }
  const page = (r: LocalSessionRegistry, client: string, url = "/counter") => r.createForPage(url, new Router({ [url]: url === "/loaded" ? Loaded : Counter }).match(url)!, client, undefined);

  it("makes a session that waits joinTimeout for its tab", async () => {
    const r = capped(10, 10);
    const before = Date.now();
    const session = (await page(r, "a"))!;
    expect(session.toHtml()).toContain('<output id="count">0</output>');
    expect(r.expiring).toBe(1);
    r.sweep(before + JOIN_TIMEOUT - 1);
    expect(session.isEnded).toBe(false);
    r.sweep(Date.now() + JOIN_TIMEOUT);
    expect(session.isEnded).toBe(true);
    expect(r.sessions.size).toBe(0);
  });

  it("a client with maxPendingPerClient pending has its oldest ended for the newest; other clients keep theirs", async () => {
    const r = capped(10, 2);
    const [a1, a2, b1] = [(await page(r, "a"))!, (await page(r, "a"))!, (await page(r, "b"))!];
    const a3 = (await page(r, "a"))!;
    expect(a1.isEnded).toBe(true);
    expect([a2, a3, b1].map((s) => s.isEnded)).toEqual([false, false, false]);
    expect(r.sessions.size).toBe(3);
    expect(r.expiring).toBe(3);
  });

  it("beyond maxPendingSessions of all clients, makes none (null) until a tab joins or a page expires", async () => {
    const r = capped(2, 10);
    const [a, b] = [(await page(r, "a"))!, (await page(r, "b"))!];
    expect(await page(r, "c")).toBeNull();
    expect(r.sessions.size).toBe(2);
    r.claim(a); // its tab joined: no longer pending
    const c = (await page(r, "c"))!;
    expect(c).not.toBeNull();
    expect(await page(r, "d")).toBeNull();
    b.end(); // expired, or ended otherwise
    expect(await page(r, "d")).not.toBeNull();
  });

  it("counts a page whose mount() still runs, and makes none for a page replaced while it did", async () => {
    const r = capped(10, 1);
    const first = page(r, "a", "/loaded"); // its mount() takes 5 ms
    const second = await page(r, "a");
    expect(await first).toBeNull();
    expect(second!.isEnded).toBe(false);
    expect(r.sessions.size).toBe(1);
  });

  it("a session made for a join (create) is not pending and counts toward no cap", async () => {
    const r = capped(1, 1);
    await created(r);
    await created(r);
    expect(await page(r, "a")).not.toBeNull();
    expect(r.sessions.size).toBe(3);
  });
});

describe("closing", () => {
  it("ends every session and closes their transports with the reason, as going away (the tabs reconnect)", async () => {
    const r = registry();
    const [a, b] = [await created(r), await created(r)];
    const t = transport();
    a.attach(t);
    r.holdForJoin(b);
    r.close("server closing");
    expect(a.isEnded && b.isEnded).toBe(true);
    expect(t.closed).toEqual([1001, "server closing"]);
    expect(r.sessions.size).toBe(0);
    expect(r.expiring).toBe(0);
  });
});
