/**
 * SessionJoinPolicy: which session a join gets. A tab resumes with its resume token, the first
 * join of a rendered page takes that page's session, and anything else (a duplicated tab, a
 * copy of the HTML, an unknown sid, another path) gets a fresh session for its path; a path no
 * route serves is refused. Driven directly over a registry.
 */
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { ErrorCodes, Msg, PROTOCOL_VERSION, type JoinMessage } from "../../src/protocol/wire.js";
import { SessionJoinPolicy, type Joined } from "../../src/server/join-policy.js";
import type { LocalSessionRegistry } from "../../src/server/session-registry.js";
import type { Transport } from "../../src/session/channel.js";
import type { LiveSession } from "../../src/session/live-session.js";
import { Counter } from "../../examples/counter.js";
import { List } from "../../examples/list.js";
import { serverParts } from "../support/server-parts.js";

function setup() {
  const { registry } = serverParts({ routes: { "/counter": Counter, "/list": List } });
  return { registry, policy: new SessionJoinPolicy(registry) };
}

const join = (path: string, sid: string | null, resume: { rt?: string; s?: number } = {}): JoinMessage => ({ k: Msg.Join, v: PROTOCOL_VERSION, sid, path, ...resume });

/** A transport that keeps the resume token of the Mount it was sent. */
function tab(): Transport & { rt: string } {
  return {
    rt: "",
    send(text: string) {
      const m = JSON.parse(text) as { k: number; rt?: string };
      if (m.k === Msg.Mount) this.rt = m.rt!;
    },
    close() {},
  };
}

/** A page's session as a GET leaves it: rendered, waiting for its tab. */
async function rendered(registry: LocalSessionRegistry, path = "/counter"): Promise<LiveSession> {
  const session = (await registry.create(path))!;
  registry.holdForJoin(session);
  return session;
}

/** A page's session whose tab mounted it and dropped: it waits for a resume. The tab's resume token. */
async function away(registry: LocalSessionRegistry): Promise<{ page: LiveSession; rt: string }> {
  const page = await rendered(registry);
  const t = tab();
  page.attach(t);
  page.detach(t);
  registry.holdForResume(page);
  return { page, rt: t.rt };
}

function joined(result: unknown): Joined {
  expect(result).toHaveProperty("session");
  return result as Joined;
}

describe("SessionJoinPolicy", () => {
  it("gives the first join of a rendered page that page's session, which then waits for nothing", async () => {
    const { registry, policy } = setup();
    const page = await rendered(registry);
    expect(await policy.join(join("/counter", page.id), null)).toEqual({ session: page, resumeFrom: null });
    expect(registry.expiring).toBe(0);
  });

  it("resumes the tab that proves it holds the session with its resume token, from its last message", async () => {
    const { registry, policy } = setup();
    const { page, rt } = await away(registry);
    expect(await policy.join(join("/counter", page.id, { rt, s: 4 }), null)).toEqual({ session: page, resumeFrom: 4 });
    expect(registry.expiring).toBe(0);
    // Without `s`: the tab applied nothing after the Mount it has.
    expect(await policy.join(join("/counter", page.id, { rt }), null)).toEqual({ session: page, resumeFrom: 0 });
  });

  it("gives a duplicated tab (the page's session is connected) a fresh session", async () => {
    const { registry, policy } = setup();
    const page = await rendered(registry);
    page.attach(tab());
    const { session, resumeFrom } = joined(await policy.join(join("/counter", page.id), null));
    expect(session).not.toBe(page);
    expect(session.path).toBe("/counter");
    expect(resumeFrom).toBeNull();
    expect(registry.find(session.id)).toBe(session);
  });

  it("never hands a mounted session to a join without its token or with a wrong one, even while its tab is away", async () => {
    const { registry, policy } = setup();
    const { page, rt } = await away(registry);
    const copy = joined(await policy.join(join("/counter", page.id), null));
    const forged = joined(await policy.join(join("/counter", page.id, { rt: rt.replace(/^./, (c) => (c === "A" ? "B" : "A")), s: 1 }), null));
    expect(copy.session).not.toBe(page);
    expect(forged.session).not.toBe(page);
    expect(forged.resumeFrom).toBeNull();
    expect(registry.expiring).toBe(1); // the page's session still waits for its own tab
  });

  it("makes a fresh session for the path when the sid is unknown or null", async () => {
    const { registry, policy } = setup();
    for (const sid of ["no-such-session", null]) {
      const { session, resumeFrom } = joined(await policy.join(join("/counter", sid), null));
      expect(session.id).not.toBe(sid);
      expect(session.path).toBe("/counter");
      expect(resumeFrom).toBeNull();
    }
    expect(registry.sessions.size).toBe(2);
    expect(registry.expiring).toBe(0);
  });

  it("makes a fresh session when the sid was rendered for another path", async () => {
    const { registry, policy } = setup();
    const list = await rendered(registry, "/list");
    const { session } = joined(await policy.join(join("/counter", list.id), null));
    expect(session).not.toBe(list);
    expect(session.path).toBe("/counter");
    expect(registry.expiring).toBe(1);
  });

  it("refuses a path no route serves, making no session", async () => {
    const { registry, policy } = setup();
    expect(await policy.join(join("/nowhere", null), null)).toEqual({ code: ErrorCodes.UnknownRoute, message: "no page is served at /nowhere" });
    expect(registry.sessions.size).toBe(0);
  });

  it("takes the HTTP request the join came with, and decides the same with or without one (no checks of it yet)", async () => {
    const { registry, policy } = setup();
    const page = await rendered(registry);
    const request = { headers: { origin: "http://127.0.0.1" }, url: "/_tether/ws" } as unknown as IncomingMessage;
    expect(await policy.join(join("/counter", page.id), request)).toEqual({ session: page, resumeFrom: null });
  });
});
