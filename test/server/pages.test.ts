/**
 * Pages (pages.ts), on a bare HTTP server: a GET renders the route's page into a new session
 * that waits for its tab, in the server's layout; a HEAD makes no session; anything else is
 * not a page's.
 */
import { afterEach, describe, expect, it } from "vitest";
import { defaultLayout, type Layout } from "../../src/server/layout.js";
import { documentToHtml } from "../../src/html/to-html.js";
import { html } from "../../src/template/html.js";
import type { TetherOptions } from "../../src/server/options.js";
import { Pages } from "../../src/server/pages.js";
import type { LocalSessionRegistry } from "../../src/server/session-registry.js";
import { Counter } from "../../examples/counter.js";
import { Table } from "../../examples/table.js";
import { Component } from "../../src/component/component.js";
import { listen, type TestServer } from "../support/http.js";
import { serverParts } from "../support/server-parts.js";

let servers: TestServer[] = [];
let registries: LocalSessionRegistry[] = [];

afterEach(async () => {
  for (const r of registries) r.close("test over");
  for (const s of servers) await s.close();
  servers = [];
  registries = [];
});

async function start(options: Partial<TetherOptions> = {}) {
  const { options: resolved, router, registry, authorizer, tokens } = serverParts({ routes: { "/counter": { component: Counter, title: "A <counter>", head: "<style>p{}</style>" } }, dev: true, ...options });
  registries.push(registry);
  const pages = new Pages(router, registry, authorizer, tokens, resolved);
  const server = await listen((req, res) => pages.handle(req, res));
  servers.push(server);
  return { registry, tokens, url: server.url };
}

describe("Pages", () => {
  it("answers a GET with the first paint of a new session, which waits for its tab", async () => {
    const { registry, url, tokens } = await start();
    const res = await fetch(url + "/counter");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    const sid = /data-tether-session="([^"]+)"/.exec(html)![1];
    const session = registry.find(sid)!;
    expect(session.path).toBe("/counter");
    const token = /data-tether-token="([^"]+)"/.exec(html)![1];
    expect(tokens.verify(token)).toEqual({ path: "/counter", sid, identity: "", expires: expect.any(Number) });
    expect(html).toContain(`<div data-tether-root data-tether-session="${sid}" data-tether-token="${token}" data-tether-base="/_tether">${session.toHtml()}</div>`);
    expect(html).toContain("<title>A &lt;counter&gt;</title>");
    expect(html).toContain("<style>p{}</style>");
    expect(html).toContain('<script src="/_tether/tether.dev.js"></script>');
    expect(registry.expiring).toBe(1);
  });

  it("loads the live navigation script deferred after the runtime, unless navigation is false", async () => {
    const on = await start();
    expect(await (await fetch(on.url + "/counter")).text()).toContain('<script src="/_tether/tether.dev.js"></script><script src="/_tether/tether-nav.dev.js" defer></script>');
    const off = await start({ navigation: false });
    expect(await (await fetch(off.url + "/counter")).text()).not.toContain("tether-nav");
  });

  it("answers a HEAD with the page's headers and makes no session", async () => {
    const { registry, url } = await start();
    const res = await fetch(url + "/counter", { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await res.text()).toBe("");
    expect(registry.sessions.size).toBe(0);
  });

  it("leaves other paths and methods alone", async () => {
    const { registry, url } = await start();
    for (const [path, method] of [["/nope", "GET"], ["/counter", "POST"], ["/counter", "PUT"]]) {
      const res = await fetch(url + path, { method });
      expect(res.status).toBe(404);
      expect(await res.text()).toBe("not handled");
    }
    expect(registry.sessions.size).toBe(0);
  });

  it("builds the document with the server's layout (given the page's title and path), its base path and the production runtime when not in dev", async () => {
    const parts: Array<Parameters<Layout>[0]> = [];
    const layout: Layout = (page) => {
      parts.push(page);
      return defaultLayout(page);
    };
    const { url } = await start({ layout, basePath: "/live/", dev: false });
    const html = await (await fetch(url + "/counter?x=1")).text();
    expect(parts).toHaveLength(1);
    expect(parts[0].title).toBe("A <counter>");
    expect(parts[0].path).toBe("/counter"); // without the query: for a layout's navigation
    expect(String(parts[0].script)).toBe('<script src="/live/tether.js"></script><script src="/live/tether-nav.js" defer></script>');
    expect(String(parts[0].root)).toMatch(/^<div data-tether-root data-tether-session="[\w-]+" data-tether-token="[\w-]+\.[\w-]+" data-tether-base="\/live">/);
    expect(html).toBe(documentToHtml(defaultLayout(parts[0])));
  });

  it("takes a layout as an html template: the title escaped, the parts inserted as they are, the doctype written before <html>", async () => {
    const layout: Layout = (page) => html`<html lang="de"><head><title>${page.title}</title>${page.script}${page.head}</head><body><h1>${page.title}</h1>${page.root}</body></html>`;
    const { url } = await start({ layout, routes: { "/counter": { component: Counter, title: "<script>alert(1)</script>", head: "<style>p{}</style>" } } });
    const text = await (await fetch(url + "/counter")).text();
    expect(text.startsWith('<!doctype html>\n<html lang="de"><head><title>&lt;script&gt;alert(1)&lt;/script&gt;</title><script src="/_tether/tether.dev.js"></script><script src="/_tether/tether-nav.dev.js" defer></script><style>p{}</style></head><body><h1>&lt;script&gt;')).toBe(true);
    expect(text).not.toContain("<script>alert");
    expect(text).toMatch(/<\/h1><div data-tether-root [^>]+><main>/); // the root as it is, without the live root's raw mark
  });

  it("still takes a layout as a string, where the parts are their HTML", async () => {
    const layout: Layout = (page) => `<!doctype html><title>x</title>${page.script}${page.head}<body>${page.root}`;
    const { url } = await start({ layout });
    const text = await (await fetch(url + "/counter")).text();
    expect(text).toMatch(/^<!doctype html><title>x<\/title><script src="\/_tether\/tether.dev.js"><\/script><script src="\/_tether\/tether-nav.dev.js" defer><\/script><style>p\{\}<\/style><body><div data-tether-root /);
  });

  it("refuses a template that is not one <html> element, saying what a layout returns", () => {
    expect(() => documentToHtml(html`<head></head><body></body>`)).toThrow(/one <html> element \(Tether writes the <!doctype html> before it\)/);
  });

  it("writes a route's scripts as module scripts after its head, with the page's nonce under the CSP", async () => {
    const routes = { "/counter": { component: Counter, head: "<style>p{}</style>", scripts: ["/app.js", "/x.js?a=1&b=\"2\""] } };
    const { url } = await start({ routes });
    expect(await (await fetch(url + "/counter")).text()).toContain('<style>p{}</style><script type="module" src="/app.js"></script><script type="module" src="/x.js?a=1&amp;b=&quot;2&quot;"></script>');
    const strict = await start({ routes, csp: true });
    const res = await fetch(strict.url + "/counter");
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy")!)![1];
    expect(await res.text()).toContain(`<script type="module" src="/app.js" nonce="${nonce}"></script>`);
  });

  it("with auroraview, adds its script after the runtime, carrying the methods mount() bound (escaped)", async () => {
    class Bound extends Counter {
      override mount() {
        this.session.bindApi({ add: () => 1 });
        this.session.bindCall('say "hi"', () => "hi");
      }
    }
    const { url } = await start({ routes: { "/counter": { component: Bound, auroraview: true }, "/plain": Counter } });
    expect(await (await fetch(url + "/counter")).text()).toContain(
      '<script src="/_tether/tether.dev.js"></script><script src="/_tether/tether-auroraview.dev.js" data-methods="[&quot;api.add&quot;,&quot;say \\&quot;hi\\&quot;&quot;]"></script>',
    );
    expect(await (await fetch(url + "/plain")).text()).not.toContain("tether-auroraview");
  });

  it("with windows, adds the linked-windows script after the runtime (and the alias's)", async () => {
    const { url } = await start({ routes: { "/counter": { component: Counter, windows: true, auroraview: true }, "/plain": Counter } });
    const page = await (await fetch(url + "/counter")).text();
    expect(page).toMatch(/<script src="\/_tether\/tether.dev.js"><\/script><script src="\/_tether\/tether-auroraview.dev.js" data-methods="\[\]"><\/script><script src="\/_tether\/tether-windows.dev.js"><\/script>/);
    expect(await (await fetch(url + "/plain")).text()).not.toContain("tether-windows");
  });

  it("a page that shows a LiveList (or whose route says lists) gets the shapes' builder right after the runtime, and its session sends shapes", async () => {
    const { url, registry } = await start({ routes: { "/table": Table, "/asked": { component: Counter, lists: true }, "/refused": { component: Table, lists: false }, "/plain": Counter } });
    const lists = /<script src="\/_tether\/tether.dev.js"><\/script><script src="\/_tether\/tether-lists.dev.js"><\/script>/;
    for (const path of ["/table", "/asked"]) expect(await (await fetch(url + path)).text(), path).toMatch(lists);
    for (const path of ["/refused", "/plain"]) expect(await (await fetch(url + path)).text(), path).not.toContain("tether-lists");
    const shapes = [...registry.sessions.values()].map((s) => [s.path, s.tree.shapes]).sort();
    expect(shapes).toEqual([["/asked", true], ["/plain", false], ["/refused", false], ["/table", true]]);
  });

  it("answers 503 with Retry-After, and makes no session, while maxPendingSessions pages wait for their tab", async () => {
    const { registry, url } = await start({ maxPendingSessions: 2 });
    const sids = [];
    for (let i = 0; i < 2; i++) sids.push(/data-tether-session="([^"]+)"/.exec(await (await fetch(url + "/counter")).text())![1]);
    const busy = await fetch(url + "/counter");
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("5");
    expect(await busy.text()).toMatch(/too many pages are waiting/);
    expect(registry.sessions.size).toBe(2);
    registry.claim(registry.find(sids[0])!); // a tab joined
    expect((await fetch(url + "/counter")).status).toBe(200);
  });

  it("counts pending pages by the client's address (clientAddress): one client's oldest gives way to its newest", async () => {
    const { registry, url } = await start({ maxPendingPerClient: 3 });
    for (let i = 0; i < 10; i++) expect((await fetch(url + "/counter")).status).toBe(200);
    expect(registry.sessions.size).toBe(3);
    expect(registry.expiring).toBe(3);
  });
});

describe("Pages, when the first paint fails", () => {
  class Broken extends Component {
    render(): never {
      throw new TypeError("cannot read the <label> of undefined");
    }
  }
  const routes = { "/broken": { component: Broken } };

  it("answers a readable 500 in development: what failed, with the stack, and no session is kept", async () => {
    const { registry, url } = await start({ routes, dev: true, onError: () => {} });
    const res = await fetch(url + "/broken");
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await res.text();
    expect(page).toContain("The page /broken failed to render");
    expect(page).toContain("<strong>TypeError:</strong> cannot read the &lt;label&gt; of undefined");
    expect(page).toMatch(/at Broken\.render/);
    expect(registry.sessions.size).toBe(0);
  });

  it("answers a plain 500 in production, without details", async () => {
    const { registry, url } = await start({ routes, dev: false, onError: () => {} });
    const res = await fetch(url + "/broken");
    expect(res.status).toBe(500);
    expect(await res.text()).toBe("Internal error");
    expect(registry.sessions.size).toBe(0);
  });
});
