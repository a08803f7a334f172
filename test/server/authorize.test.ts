/**
 * Authorizer (authorize.ts): the app's hook, then the route's with the app's context, on the
 * request as a hook reads it (URL, headers, cookies, client address); a refusal stops at once;
 * the identity a join token binds is `identify`'s, by default the context's sorted JSON.
 */
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { Authorizer, defaultIdentify, deny, redirect, Refusal, type Authorize, type PageRequest } from "../../src/server/authorize.js";

const raw = (headers: Record<string, string> = {}) => ({ headers, socket: { remoteAddress: "127.0.0.1" } }) as unknown as IncomingMessage;

describe("Authorizer", () => {
  it("admits anyone, as anyone, when no hook is given", async () => {
    const authorizer = new Authorizer(undefined, undefined, false);
    expect(authorizer.guards(undefined)).toBe(false);
    expect(await authorizer.check(raw(), "/", undefined)).toEqual({ context: undefined, identity: "" });
  });

  it("gives a hook the request: URL, headers, cookies, client address and Node's request", async () => {
    let seen: PageRequest | null = null;
    const request = raw({ cookie: "user=ann; theme=dark", "x-forwarded-for": "203.0.113.7" });
    await new Authorizer((r) => ((seen = r), { user: "ann" }), undefined, true).check(request, "/users/7?tab=2", undefined);
    expect(seen).toMatchObject({ url: "/users/7?tab=2", cookies: { user: "ann", theme: "dark" }, remoteAddress: "203.0.113.7" });
    expect(seen!.raw).toBe(request);
    expect(seen!.headers.cookie).toBe("user=ann; theme=dark");
  });

  it("runs the app's hook, then the route's with its context; what they return is the context", async () => {
    const calls: string[] = [];
    const app: Authorize = () => (calls.push("app"), { user: "ann" });
    const route: Authorize = (_r, context) => (calls.push("route"), { ...(context as object), role: "admin" });
    const result = await new Authorizer(app, undefined, false).check(raw(), "/admin", route);
    expect(calls).toEqual(["app", "route"]);
    expect(result).toEqual({ context: { user: "ann", role: "admin" }, identity: '{"role":"admin","user":"ann"}' });
  });

  it("keeps the context when a hook returns nothing, and awaits async hooks", async () => {
    const result = await new Authorizer(async () => ({ user: "ann" }), undefined, false).check(raw(), "/", () => undefined);
    expect(result).toEqual({ context: { user: "ann" }, identity: '{"user":"ann"}' });
  });

  it("stops at a refusal: the route's hook does not run", async () => {
    let routeRan = false;
    const result = await new Authorizer(() => redirect("/login"), undefined, false).check(raw(), "/", () => ((routeRan = true), {}));
    expect(result).toBeInstanceOf(Refusal);
    expect(result).toMatchObject({ status: 302, location: "/login" });
    expect(routeRan).toBe(false);
  });

  it("takes the identity from identify when given", async () => {
    const result = await new Authorizer(() => ({ user: { id: 7, seen: Date.now() } }), (c) => String((c as { user: { id: number } }).user.id), false).check(raw(), "/", undefined);
    expect(result).toMatchObject({ identity: "7" });
  });
});

describe("refusals", () => {
  it("redirect() and deny() say what the page answers", () => {
    expect(redirect("/login")).toMatchObject({ status: 302, location: "/login" });
    expect(redirect("/login", 303)).toMatchObject({ status: 303 });
    expect(deny()).toMatchObject({ status: 403, location: null, message: "Forbidden" });
    expect(deny(401)).toMatchObject({ status: 401, message: "Unauthorized" });
  });
});

describe("defaultIdentify", () => {
  it("is the context's JSON with sorted keys at every depth; nothing for no context", () => {
    expect(defaultIdentify({ b: 1, a: { d: 2, c: 3 } })).toBe(defaultIdentify({ a: { c: 3, d: 2 }, b: 1 }));
    expect(defaultIdentify({ user: "ann" })).not.toBe(defaultIdentify({ user: "bob" }));
    expect(defaultIdentify(undefined)).toBe("");
    expect(defaultIdentify(null)).toBe("");
  });

  it("asks for identify when the context is not JSON", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => defaultIdentify(cycle)).toThrow(/give TetherOptions.identify/);
  });
});
