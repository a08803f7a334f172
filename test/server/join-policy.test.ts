/**
 * SessionJoinPolicy: which session a join gets, and which joins are refused. Every join needs a
 * join token this server signed for the page's path and the session it names. A tab resumes
 * with its resume token, the first join of a rendered page takes that page's session, anything
 * else (a duplicated tab, a copy of the HTML, a session gone with a restart) gets a fresh
 * session, and only for the token's user, after the authorize hooks ran again on the join's
 * request. Driven directly over a registry.
 */
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { ErrorCodes, Msg, PROTOCOL_VERSION, type JoinMessage } from "../../src/protocol/wire.js";
import { redirect, type Authorize } from "../../src/server/authorize.js";
import type { Joined } from "../../src/server/join-policy.js";
import type { Transport } from "../../src/session/channel.js";
import { Counter } from "../../examples/counter.js";
import { List } from "../../examples/list.js";
import { serverParts } from "../support/server-parts.js";

/** Users by their `user` cookie; a request without one is logged out. */
const byCookie: Authorize = (request) => (request.cookies.user ? { user: request.cookies.user } : redirect("/login"));

function setup(authorize?: Authorize) {
  const parts = serverParts({ routes: { "/counter": Counter, "/list": List }, ...(authorize ? { authorize } : {}) });
  const policy = parts.policy;
  /** A token for `path` and `sid`, as the page of `user` (or anyone) carries it. */
  const token = (path: string, sid: string, user?: string, ttl = 60_000) =>
    parts.tokens.sign(path, sid, parts.tokens.identityDigest(user === undefined ? "" : JSON.stringify({ user })), ttl);
  return { ...parts, policy, token };
}

const join = (path: string, sid: string | null, t: string | undefined, resume: { rt?: string; s?: number } = {}): JoinMessage =>
  t === undefined ? { k: Msg.Join, v: PROTOCOL_VERSION, sid, path, ...resume } : { k: Msg.Join, v: PROTOCOL_VERSION, sid, path, t, ...resume };

/** The request of a join: a WebSocket upgrade with these cookies. */
const upgrade = (cookie = ""): IncomingMessage => ({ headers: cookie === "" ? {} : { cookie }, url: "/_tether/ws", socket: { remoteAddress: "127.0.0.1" } }) as unknown as IncomingMessage;

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

function joined(result: unknown): Joined {
  expect(result).toHaveProperty("session");
  return result as Joined;
}

function refused(result: unknown, code: string = ErrorCodes.Unauthorized): { message: string; to?: string } {
  expect(result).not.toHaveProperty("session");
  expect(result).toHaveProperty("code", code);
  return result as { message: string; to?: string };
}

describe("SessionJoinPolicy", () => {
  it("gives the first join of a rendered page that page's session, which then waits for nothing", async () => {
    const { registry, policy, page } = setup();
    const { session, token } = await page();
    expect(await policy.join(join("/counter", session.id, token), null)).toEqual({ session, resumeFrom: null });
    expect(registry.expiring).toBe(0);
  });

  it("resumes the tab that proves it holds the session with its resume token, from its last message", async () => {
    const { registry, policy, page } = setup();
    const { session, token } = await page();
    const t = tab();
    session.attach(t);
    session.detach(t);
    registry.holdForResume(session);
    expect(await policy.join(join("/counter", session.id, token, { rt: t.rt, s: 4 }), null)).toEqual({ session, resumeFrom: 4 });
    expect(registry.expiring).toBe(0);
    // Without `s`: the tab applied nothing after the Mount it has.
    expect(await policy.join(join("/counter", session.id, token, { rt: t.rt }), null)).toEqual({ session, resumeFrom: 0 });
  });

  it("gives a duplicated tab (the page's session is connected) a fresh session", async () => {
    const { registry, policy, page } = setup();
    const { session: first, token } = await page();
    first.attach(tab());
    const { session, resumeFrom } = joined(await policy.join(join("/counter", first.id, token), null));
    expect(session).not.toBe(first);
    expect(session.path).toBe("/counter");
    expect(resumeFrom).toBeNull();
    expect(registry.find(session.id)).toBe(session);
  });

  it("never hands a mounted session to a join without its resume token or with a wrong one, even while its tab is away", async () => {
    const { registry, policy, page } = setup();
    const { session: first, token } = await page();
    const t = tab();
    first.attach(t);
    first.detach(t);
    registry.holdForResume(first);
    const copy = joined(await policy.join(join("/counter", first.id, token), null));
    const forged = joined(await policy.join(join("/counter", first.id, token, { rt: t.rt.replace(/^./, (c) => (c === "A" ? "B" : "A")), s: 1 }), null));
    expect(copy.session).not.toBe(first);
    expect(forged.session).not.toBe(first);
    expect(forged.resumeFrom).toBeNull();
    expect(registry.expiring).toBe(1); // the page's session still waits for its own tab
  });

  it("builds a fresh session for the page when the token's session is gone (a restart), from a valid token only", async () => {
    const { registry, policy, token } = setup();
    const { session, resumeFrom } = joined(await policy.join(join("/counter", "gone", token("/counter", "gone")), null));
    expect(session.id).not.toBe("gone");
    expect(session.path).toBe("/counter");
    expect(resumeFrom).toBeNull();
    expect(registry.expiring).toBe(0);
  });

  it("refuses a join without a token, with a forged one, an expired one, another page's or another session's", async () => {
    const { registry, policy, page, token } = setup();
    const { session, token: good } = await page();
    const tampered = good.replace(/\.(.)/, (_m, c: string) => "." + (c === "A" ? "B" : "A"));
    const other = await page("/list");
    expect(refused(await policy.join(join("/counter", session.id, undefined), null)).message).toMatch(/no token/);
    for (const t of [tampered, "not-a-token", token("/counter", session.id, undefined, -1000), other.token, token("/list", session.id), token("/counter", "another-session")]) {
      const result = refused(await policy.join(join("/counter", session.id, t), null));
      expect(result.message).toMatch(/reload the page/);
    }
    refused(await policy.join(join("/counter", session.id, "x".repeat(40) + "." + "y".repeat(43)), null));
    expect(registry.find(session.id)!.isConnected).toBe(false);
    expect(registry.sessions.size).toBe(2); // no session was made for any of them
  });

  it("refuses a path no route serves, making no session", async () => {
    const { registry, policy, token } = setup();
    refused(await policy.join(join("/nowhere", "s", token("/nowhere", "s")), null), ErrorCodes.UnknownRoute);
    expect(registry.sessions.size).toBe(0);
  });

  describe("with an authorize hook", () => {
    it("runs it again on the join's request before a fresh session, for the token's user only", async () => {
      const { registry, policy, token } = setup(byCookie);
      const { session } = joined(await policy.join(join("/counter", "gone", token("/counter", "gone", "ann")), upgrade("user=ann")));
      expect(session.context).toEqual({ user: "ann" });
      const other = refused(await policy.join(join("/counter", "gone", token("/counter", "gone", "ann")), upgrade("user=bob")));
      expect(other.message).toMatch(/another user/);
      expect(registry.sessions.size).toBe(1);
    });

    it("refuses a user who logged out meanwhile, sending the page where the hook says", async () => {
      const { policy, token } = setup(byCookie);
      const result = refused(await policy.join(join("/counter", "gone", token("/counter", "gone", "ann")), upgrade()));
      expect(result.to).toBe("/login");
    });

    it("refuses a fresh session when there is no request to authorize", async () => {
      const { policy, token } = setup(byCookie);
      refused(await policy.join(join("/counter", "gone", token("/counter", "gone", "ann")), null));
    });

    it("runs it at every join, the page's own first join and a resume too: a token is its user's only", async () => {
      let runs = 0;
      const { registry, policy, router, tokens } = setup((request) => (runs++, request.cookies.user ? { user: request.cookies.user } : redirect("/login")));
      const session = (await registry.create("/counter", router.match("/counter"), { user: "ann" }))!;
      const t = tokens.sign("/counter", session.id, tokens.identityDigest(JSON.stringify({ user: "ann" })), 60_000);
      // Someone else holding Ann's page (its token) gets nothing, not even a fresh session.
      refused(await policy.join(join("/counter", session.id, t), upgrade("user=bob")));
      expect(await policy.join(join("/counter", session.id, t), upgrade("user=ann"))).toEqual({ session, resumeFrom: null });
      const away = tab();
      session.attach(away);
      session.detach(away);
      // Ann logged out while her tab was away: her resume is refused, and the page is sent to log in.
      expect(refused(await policy.join(join("/counter", session.id, t, { rt: away.rt }), upgrade())).to).toBe("/login");
      expect(await policy.join(join("/counter", session.id, t, { rt: away.rt }), upgrade("user=ann"))).toEqual({ session, resumeFrom: 0 });
      expect(runs).toBe(4);
      expect(registry.sessions.size).toBe(1);
    });
  });

  it("without hooks, refuses a fresh session for a token that names a user", async () => {
    const { policy, token } = setup();
    refused(await policy.join(join("/counter", "gone", token("/counter", "gone", "ann")), upgrade("user=ann")));
  });
});
