/**
 * Live navigation on a server, over real sockets (server/navigation.ts with the session's
 * SessionNavigation): a `tether:navigate` page event or `session.navigate` renders the new
 * route into the same session: the same route's component kept with new props (one render),
 * another route's mounted and the old unmounted; the route's hooks run again; a refusal, a
 * page another head or layout serves, or another origin is a full load; an unknown path shows
 * the not-found page. The tab gets a join token for its new path and can resume there.
 */
import { beforeEach, describe, expect, test } from "vitest";
import { Component, html, redirect, deny, type LiveSession, type RouteProps, type Layout, defaultLayout } from "../../src/index.js";
import { Msg, PROTOCOL_VERSION, type EmitMessage, type PatchMessage, type ServerMessage } from "../../src/protocol/wire.js";
import { ProtocolClient } from "../support/client.js";
import { findId } from "../support/page.js";
import { useSessionServer } from "../support/session-server.js";

const made: UserPage[] = [];
const renders: string[] = [];
const unmounted: string[] = [];
let hookRuns = 0;
/** Whether /club's hook admits (a member who logs out is refused). */
let member = true;

class UserPage extends Component<RouteProps> {
  constructor(props: RouteProps) {
    super(props);
    made.push(this);
  }
  unmount() {
    unmounted.push("user");
  }
  render() {
    renders.push(`user ${this.props.params.id} ${this.props.query.tab ?? ""}`);
    return html`<main><h1 id="user">User ${this.props.params.id}</h1><p>${this.props.query.tab ?? "-"}</p></main>`;
  }
}

class AboutPage extends Component<RouteProps> {
  render() {
    renders.push("about");
    return html`<main><h1>About</h1></main>`;
  }
}

class GoPage extends Component<RouteProps> {
  go() {
    void this.session.navigate("/users/5?tab=posts", { replace: true });
  }
  away() {
    this.session.redirect("https://example.com/elsewhere");
  }
  render() {
    return html`<main><button id="go" onClick=${this.go}>go</button><button id="away" onClick=${this.away}>away</button></main>`;
  }
}

/** Navigates in its first paint's mount(), before any tab has the page. */
class Early extends Component<RouteProps> {
  mount() {
    void this.session.navigate("/about");
  }
  render() {
    return html`<main>early</main>`;
  }
}

const routes = {
  "/early": Early,
  "/users/:id": { component: UserPage, title: "User" },
  "/about": { component: AboutPage, title: "About" },
  "/go": GoPage,
  "/styled": { component: AboutPage, head: "<style>h1{color:red}</style>" },
  "/members": { component: AboutPage, authorize: () => void hookRuns++ },
  "/login-first": { component: AboutPage, authorize: () => redirect("/login") },
  "/forbidden": { component: AboutPage, authorize: () => deny(403) },
  "/club": { component: AboutPage, authorize: () => (member ? undefined : redirect("/login")) },
  "/slow": { component: AboutPage, authorize: () => new Promise<void>((resolve) => setTimeout(resolve, 100)) },
};

const s = useSessionServer({ routes });

beforeEach(() => {
  made.length = renders.length = unmounted.length = 0;
  hookRuns = 0;
  member = true;
});

/** The session `c` joined. */
function sessionOf(sid: string): LiveSession {
  return s.server.tether.sessions.get(sid)!;
}

/** Asks for `to` as the navigation script does (page event number `e`); resolves with what the server emitted about it and the patches before it. */
async function navigate(c: ProtocolClient, e: number, to: string): Promise<{ emit: EmitMessage; patches: PatchMessage[] }> {
  const from = c.received.length;
  c.send({ k: Msg.Send, e, ev: "tether:navigate", d: { to } });
  const emit = (await c.next((m) => m.k === Msg.Emit)) as EmitMessage;
  const patches = c.received.slice(from).filter((m): m is PatchMessage => m.k === Msg.Patch);
  return { emit, patches };
}

const isEmit = (m: ServerMessage): m is EmitMessage => m.k === Msg.Emit;

describe("live navigation", () => {
  test("same route, new params and query: the component stays, renders once, the session moves; no new Mount", async () => {
    await s.start();
    const { c, mount } = await s.open("/users/1");
    renders.length = 0;
    const { emit, patches } = await navigate(c, 1, "/users/2?tab=posts");
    expect(emit.ev).toBe("tether:navigated");
    expect(emit.p).toEqual({ to: "/users/2?tab=posts", title: "User" });
    expect(typeof emit.tk).toBe("string");
    expect(patches).toHaveLength(1);
    expect(renders).toEqual(["user 2 posts"]);
    expect(made).toHaveLength(1);
    expect(unmounted).toEqual([]);
    expect(c.received.filter((m) => m.k === Msg.Mount)).toHaveLength(1);
    const session = sessionOf(mount.sid);
    expect(session.path).toBe("/users/2?tab=posts");
    expect(made[0].props.params).toEqual({ id: "2" });
  });

  test("another route: the old component is unmounted, the new one mounted, in the same session", async () => {
    await s.start();
    const { c, mount } = await s.open("/users/1");
    const { emit, patches } = await navigate(c, 1, "/about#team");
    expect(emit.p).toEqual({ to: "/about#team", title: "About" });
    expect(patches).toHaveLength(1);
    expect(unmounted).toEqual(["user"]);
    expect(renders.at(-1)).toBe("about");
    expect(sessionOf(mount.sid).path).toBe("/about");
    expect(s.server.tether.sessions.size).toBe(1);
  });

  test("a relative path and a query alone resolve against the page", async () => {
    await s.start();
    const { c } = await s.open("/users/1");
    expect((await navigate(c, 1, "?tab=likes")).emit.p).toEqual({ to: "/users/1?tab=likes", title: "User" });
    expect((await navigate(c, 2, "3")).emit.p).toEqual({ to: "/users/3", title: "User" });
  });

  test("session.navigate from a handler, replacing the history entry; redirect is a full load", async () => {
    await s.start();
    const { c, mount } = await s.open("/go");
    const go = c.event(findId(mount, "go"), "click");
    const emit = (await c.next(isEmit)) as EmitMessage;
    expect(go).toBe(1);
    expect(emit.p).toEqual({ to: "/users/5?tab=posts", title: "User", replace: 1 });
    expect(renders.at(-1)).toBe("user 5 posts");

    const second = await s.open("/go");
    second.c.event(findId(second.mount, "away"), "click");
    const load = (await second.c.next(isEmit)) as EmitMessage;
    expect(load).toMatchObject({ ev: "tether:load", p: { to: "https://example.com/elsewhere" } });
    expect(() => sessionOf(second.mount.sid).redirect("javascript:alert(1)")).toThrow(TypeError);
  });

  test("the tab resumes at its new path with the token the navigation gave it", async () => {
    await s.start();
    const { c, mount } = await s.open("/users/1");
    const { emit } = await navigate(c, 1, "/about");
    c.ws.terminate();
    const again = await ProtocolClient.connect(s.server.url);
    again.send({ k: Msg.Join, v: PROTOCOL_VERSION, sid: mount.sid, path: "/about", t: emit.tk, rt: mount.rt, s: lastApplied(c) });
    const resumed = await again.next((m) => m.k === Msg.Resume || m.k === Msg.Error || m.k === Msg.Mount);
    expect(resumed.k).toBe(Msg.Resume);
    again.close();
  });

  test("a tab whose URL moved before the server knew (back/forward across a drop) still resumes its session", async () => {
    await s.start();
    const { c, mount } = await s.open("/users/1");
    c.ws.terminate();
    const again = await ProtocolClient.connect(s.server.url);
    // Its token is for /users/1; the URL says /users/2: the holder (rt) resumes, a stranger would not.
    again.send({ k: Msg.Join, v: PROTOCOL_VERSION, sid: mount.sid, path: "/users/2", t: mount.tk, rt: mount.rt, s: 1 });
    expect((await again.next((m) => m.k === Msg.Resume || m.k === Msg.Error)).k).toBe(Msg.Resume);
    const stranger = await ProtocolClient.connect(s.server.url);
    stranger.send({ k: Msg.Join, v: PROTOCOL_VERSION, sid: mount.sid, path: "/users/2", t: mount.tk });
    expect(await stranger.next((m) => m.k === Msg.Error)).toMatchObject({ code: "unauthorized" });
    again.close();
    stranger.close();
  });

  test("the holder resuming at another path is authorized for the page its session shows", async () => {
    await s.start();
    const { c, mount } = await s.open("/users/1");
    await navigate(c, 1, "/club");
    c.ws.terminate();
    member = false; // logged out meanwhile; the tab's URL still says /users/1 (the emit was lost)
    const again = await ProtocolClient.connect(s.server.url);
    again.send({ k: Msg.Join, v: PROTOCOL_VERSION, sid: mount.sid, path: "/users/1", t: mount.tk, rt: mount.rt, s: 1 });
    expect(await again.next((m) => m.k === Msg.Error || m.k === Msg.Resume)).toMatchObject({ k: Msg.Error, code: "unauthorized", to: "/login" });
    again.close();
  });
});

describe("what live navigation cannot show", () => {
  test("the route's authorize hook runs again; a redirect or a denial is a full load", async () => {
    await s.start();
    const { c } = await s.open("/users/1");
    expect((await navigate(c, 1, "/members")).emit.ev).toBe("tether:navigated");
    expect(hookRuns).toBe(1);
    expect((await navigate(c, 2, "/login-first")).emit).toMatchObject({ ev: "tether:load", p: { to: "/login" } });
    expect((await navigate(c, 3, "/forbidden")).emit).toMatchObject({ ev: "tether:load", p: { to: "/forbidden" } });
    expect(renders.filter((r) => r === "about")).toHaveLength(1); // only /members rendered
  });

  test("a navigation still in its hooks gives way to a later one: the page ends where it was sent last", async () => {
    await s.start();
    const { c, mount } = await s.open("/users/1");
    c.send({ k: Msg.Send, e: 1, ev: "tether:navigate", d: { to: "/slow" } });
    const { emit } = await navigate(c, 2, "/users/7");
    expect(emit.p).toEqual({ to: "/users/7", title: "User" });
    await c.next((m) => m.k === Msg.Reply && m.a === 2); // the slow one settled too
    expect(c.received.filter(isEmit)).toHaveLength(1);
    expect(sessionOf(mount.sid).path).toBe("/users/7");
    expect(renders).not.toContain("about");
  });

  test("a navigation before any tab had the page is a load of it after the Mount", async () => {
    await s.start();
    const { c, mount } = await s.open("/early");
    expect(await c.first(isEmit)).toMatchObject({ ev: "tether:load", p: { to: "/about" } });
    expect(sessionOf(mount.sid).path).toBe("/early");
  });

  test("another head, another origin: a full load", async () => {
    await s.start();
    const { c } = await s.open("/users/1");
    expect((await navigate(c, 1, "/styled")).emit).toMatchObject({ ev: "tether:load", p: { to: "/styled" } });
    expect((await navigate(c, 2, "https://example.com/x")).emit).toMatchObject({ ev: "tether:load", p: { to: "https://example.com/x" } });
  });

  test("a layout that renders something else around the new page (a menu marking it): a full load", async () => {
    const layout: Layout = (page) => defaultLayout({ ...page, root: html`<nav>${page.path.startsWith("/users") ? "Users" : "Other"}</nav>${page.root}` });
    await s.start({ layout });
    const { c } = await s.open("/users/1");
    expect((await navigate(c, 1, "/users/2")).emit.ev).toBe("tether:navigated");
    expect((await navigate(c, 2, "/about")).emit).toMatchObject({ ev: "tether:load", p: { to: "/about" } });
  });

  test("an unknown path shows the not-found page live, and the tab can resume there", async () => {
    await s.start();
    const { c, mount } = await s.open("/users/1");
    const { emit, patches } = await navigate(c, 1, "/nowhere");
    expect(emit.p).toEqual({ to: "/nowhere", title: "Not found" });
    expect(JSON.stringify(patches)).toContain("Page not found");
    c.ws.terminate();
    const again = await ProtocolClient.connect(s.server.url);
    again.send({ k: Msg.Join, v: PROTOCOL_VERSION, sid: mount.sid, path: "/nowhere", t: emit.tk, rt: mount.rt, s: lastApplied(c) });
    expect((await again.next((m) => m.k === Msg.Resume || m.k === Msg.Error || m.k === Msg.Mount)).k).toBe(Msg.Resume);
    again.close();
  });

  test("the not-found page is the app's own with `notFound`", async () => {
    const Missing = (props: RouteProps) => html`<main id="missing">Nothing at ${props.path}</main>`;
    await s.start({ notFound: { component: Missing, title: "Missing" } });
    const { c } = await s.open("/users/1");
    const { emit, patches } = await navigate(c, 1, "/gone");
    expect(emit.p).toEqual({ to: "/gone", title: "Missing" });
    expect(JSON.stringify(patches)).toContain("Nothing at ");
  });

  test("a navigate event without a path is the page's error, answered as such", async () => {
    await s.start();
    const { c } = await s.open("/users/1");
    c.send({ k: Msg.Send, e: 1, ev: "tether:navigate", d: { nowhere: 1 } });
    expect(await c.next((m) => m.k === Msg.Error)).toMatchObject({ code: "handler_failed", e: 1 });
    expect(s.errors.some((e) => e.where === "live navigation")).toBe(true);
  });
});

/** The last numbered message `c` received. */
function lastApplied(c: ProtocolClient): number {
  return Math.max(...c.received.filter((m) => "s" in m).map((m) => (m as { s: number }).s));
}
