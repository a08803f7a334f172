/**
 * End to end in headless Chromium: connections that survive (issue 4). The browser reaches
 * the server through a loopback TCP proxy, so a test can cut every TCP connection at once (as
 * a dead network does) or refuse new ones for a while, at any moment, also in the middle of
 * a burst of clicks or while the user types.
 */
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { Component, html, serve, type LiveEvent, type RunningServer } from "../../src/index.js";
import { Counter } from "../../examples/counter.js";
import { List } from "../../examples/list.js";
import { Msg, type ServerMessage } from "../../src/protocol/wire.js";
import { connected, log, sessionOf, textIs, usePages, type TetherLog } from "../support/connection-page.js";
import { TcpProxy } from "../support/tcp-proxy.js";

/** Every Echo on the server, by session id: the test reads what the server got. */
const echoes = new Map<string, Echo>();

/** A field whose every keystroke reaches the server, which shows what it has. */
class Echo extends Component<Record<string, never>, { text: string }> {
  state = { text: "" };
  private sid = "";

  mount() {
    this.sid = this.session.id;
    echoes.set(this.sid, this);
  }

  unmount() {
    echoes.delete(this.sid);
  }

  input(event: LiveEvent) {
    this.setState({ text: event.value ?? "" });
  }

  render() {
    return html`<main>
      <input id="name" onInput=${this.input} />
      <output id="echo">${this.state.text}</output>
    </main>`;
  }
}

const { open: openPage } = usePages();

describe("through a proxy that cuts connections", () => {
  let server: RunningServer;
  let proxy: TcpProxy;

  beforeAll(async () => {
    server = await serve({ port: 0, host: "127.0.0.1", dev: true, routes: { "/counter": Counter, "/list": List, "/echo": Echo } });
    proxy = await TcpProxy.forUrl(server.url);
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  afterEach(() => proxy.resume());

  test("/counter: every TCP connection cut twice during a burst of clicks, and the count ends exactly right", async () => {
    const { page, problems, sockets } = await openPage(proxy.url + "/counter");
    const sid = await sessionOf(page);
    const click = () =>
      page.evaluate(() => {
        document.querySelector<HTMLButtonElement>("#inc")!.click();
        return document.documentElement.className;
      });

    let clicks = 0;
    let offline = 0;
    const cuts: number[] = [];
    // Cut at click 15; cut again once the page is back (and still clicking); 20 clicks after that.
    while (cuts.length < 2 || clicks < cuts[1] + 20) {
      const status = await click();
      clicks++;
      if (!status.includes("tether-connected")) offline++;
      if (clicks === 15 || (cuts.length === 1 && clicks > cuts[0] + 10 && status.includes("tether-connected"))) {
        expect(proxy.cutAll()).toBeGreaterThan(0);
        cuts.push(clicks);
      }
      await page.waitForTimeout(8);
      if (clicks > 400) throw new Error("the page did not come back after the first cut");
    }

    await textIs(page, "#count", String(clicks));
    await page.waitForTimeout(400); // nothing late pushes it further
    expect(await page.textContent("#count")).toBe(String(clicks));
    expect(offline).toBeGreaterThan(0); // some clicks were made while it was away
    expect(server.tether.sessions.get(sid)?.toHtml()).toContain(`<output id="count">${clicks}</output>`);

    const { statuses, resumed, ended } = await log(page);
    expect(statuses.filter((s) => s === "reconnecting").length).toBeGreaterThanOrEqual(2);
    expect(statuses.at(-1)).toBe("connected");
    expect(statuses.indexOf("reconnecting")).toBeLessThan(statuses.lastIndexOf("connected"));
    expect(resumed).toBeGreaterThanOrEqual(2);
    expect(ended).toBe(0);
    expect(await page.evaluate(() => document.documentElement.classList.contains("tether-connected"))).toBe(true);
    // The first join went in the socket's URL with the page's own short-lived join token; the
    // resumes sent theirs, and their resume tokens, as messages.
    const pageToken = await page.evaluate(() => document.querySelector("[data-tether-root]")!.getAttribute("data-tether-token")!);
    expect(sockets[0]).toBe(`${proxy.url.replace(/^http/, "ws")}/_tether/ws?v=1&path=%2Fcounter&sid=${sid}&t=${encodeURIComponent(pageToken)}`);
    expect(sockets.length).toBeGreaterThanOrEqual(3);
    for (const url of sockets.slice(1)) expect(url).toBe(`${proxy.url.replace(/^http/, "ws")}/_tether/ws`);
    expect(problems).toEqual([]);
  });

  test("/list: a cut while the user is typing; the typed text survives and the page is live again", async () => {
    const { page, problems } = await openPage(proxy.url + "/list");
    const input = page.locator('li[data-key="2"] input');
    const element = await input.elementHandle();
    await input.click();
    await page.keyboard.type("hello ", { delay: 15 });
    expect(proxy.cutAll()).toBeGreaterThan(0);
    await page.keyboard.type("world", { delay: 40 });
    await page.waitForFunction(() => (window as unknown as { __tetherLog: TetherLog }).__tetherLog.resumed >= 1, undefined, { timeout: 15_000 });
    await connected(page);
    expect(await input.inputValue()).toBe("hello world");
    expect(await page.evaluate((el) => el === document.activeElement, element)).toBe(true);

    // Live again: reverse the rows; the row keeps its input, with the text in it.
    await page.click("#reverse");
    await page.waitForFunction(() => document.querySelector("#items li")?.getAttribute("data-key") === "5", undefined, { timeout: 15_000 });
    expect(await page.$$eval("#items li", (rows) => rows.map((li) => li.getAttribute("data-key")))).toEqual(["5", "4", "3", "2", "1"]);
    expect(await input.inputValue()).toBe("hello world");
    expect(await page.evaluate((el) => el === document.querySelector('li[data-key="2"] input'), element)).toBe(true);
    expect((await log(page)).statuses).toContain("reconnecting");
    expect(problems).toEqual([]);
  });

  test("/counter?transport=longpoll works with no WebSocket at all, also across a cut", async () => {
    const { page, problems, requests, sockets } = await openPage(proxy.url + "/counter?transport=longpoll", { initScript: "delete window.WebSocket;" });
    expect(await page.evaluate(() => typeof WebSocket)).toBe("undefined");
    for (let i = 1; i <= 5; i++) {
      await page.click("#inc");
      await textIs(page, "#count", String(i));
    }
    // A cut alone may go unnoticed over HTTP (the browser retries a request whose reused
    // connection was reset before any answer); refusing new connections for a while does not.
    proxy.pause();
    expect(proxy.cutAll()).toBeGreaterThan(0);
    await page.waitForSelector("html.tether-reconnecting", { state: "attached", timeout: 15_000 });
    for (let i = 0; i < 5; i++) await page.click("#inc");
    proxy.resume();
    await textIs(page, "#count", "10");
    await page.waitForTimeout(300);
    expect(await page.textContent("#count")).toBe("10");
    expect(sockets).toEqual([]);
    expect(requests.some((r) => r.startsWith("POST ") && r.includes("/_tether/poll"))).toBe(true);
    expect(requests.some((r) => r.startsWith("GET ") && r.includes("/_tether/poll?c="))).toBe(true);
    expect((await log(page)).resumed).toBeGreaterThanOrEqual(1);
    expect(problems).toEqual([]);
  });

  test("a WebSocket that cannot be opened falls back to long-poll by itself", async () => {
    // A port nobody listens on: every WebSocket the page makes goes there and fails.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", () => resolve()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const redirect = `(() => {
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(url, protocols) { super("ws://127.0.0.1:${port}/_tether/ws", protocols); }
      };
    })();`;

    const { page, requests, sockets } = await openPage(proxy.url + "/counter", { initScript: redirect });
    for (let i = 1; i <= 3; i++) {
      await page.click("#inc");
      await textIs(page, "#count", String(i));
    }
    expect(sockets.length).toBeGreaterThanOrEqual(1);
    expect(sockets.every((url) => url.includes(`:${port}/`))).toBe(true);
    expect(requests.some((r) => r.startsWith("GET ") && r.includes("/_tether/poll?c="))).toBe(true);
  });

  test("while an event is unanswered its element has tether-loading and aria-busy; they go when it is answered", async () => {
    const { page, problems } = await openPage(proxy.url + "/counter");
    const inc = page.locator("#inc");
    proxy.pause();
    expect(proxy.cutAll()).toBeGreaterThan(0);
    await page.waitForSelector("html.tether-reconnecting", { state: "attached", timeout: 15_000 });
    await inc.click();
    expect(await inc.getAttribute("class")).toContain("tether-loading");
    expect(await inc.getAttribute("aria-busy")).toBe("true");
    await page.waitForTimeout(300);
    expect(await inc.getAttribute("class")).toContain("tether-loading"); // still nobody answered
    expect(await page.textContent("#count")).toBe("0");

    proxy.resume();
    await textIs(page, "#count", "1");
    await page.waitForFunction(() => {
      const el = document.querySelector("#inc")!;
      return !el.classList.contains("tether-loading") && !el.hasAttribute("aria-busy");
    }, undefined, { timeout: 15_000 });
    await connected(page);
    expect(problems).toEqual([]);
  });

  test.each([
    // An empty answer leaves a gap in the sequence numbers, which the page notices (and says so).
    ["answered with nothing", [expect.stringMatching(/message 3 arrived after 1; resuming/)]],
    // A failed request closes the long-poll transport.
    ["aborted", []],
  ] as const)("/list?transport=longpoll: a poll answer carrying a patch is lost (%s); the page resumes and ends as the server is", async (how, warnings) => {
    let armed = false;
    let lost = "";
    // Every poll GET goes through the test, which takes the server's answer and passes it on;
    // once armed, the first answer carrying a Patch never reaches the page.
    const routePolls = (page: Page) =>
      page.route("**/_tether/poll?c=*", async (route) => {
        if (route.request().method() !== "GET") return route.continue();
        let status: number;
        let body: string;
        try {
          const response = await route.fetch();
          status = response.status();
          body = await response.text();
        } catch {
          return route.abort().catch(() => {}); // the page is closing
        }
        if (armed && (JSON.parse(body) as { m: ServerMessage[] }).m.some((m) => m.k === Msg.Patch)) {
          armed = false;
          lost = body;
          return how === "aborted" ? route.abort() : route.fulfill({ status: 200, contentType: "application/json", body: '{"m":[]}' });
        }
        return route.fulfill({ status, contentType: "application/json", body });
      });
    const { page, problems, sockets } = await openPage(proxy.url + "/list?transport=longpoll", { beforeLoad: routePolls });
    const sid = await sessionOf(page);
    const rows = () => page.$$eval("#items li", (lis) => lis.map((li) => li.getAttribute("data-key")).join());

    armed = true;
    await page.click("#add"); // the row with key 6: its Patch is lost on the way
    await expect.poll(() => lost, { timeout: 10_000 }).toContain('"data-key":"6"');
    await page.click("#add"); // the row with key 7
    await page.waitForFunction(() => [...document.querySelectorAll("#items li")].map((li) => li.getAttribute("data-key")).join() === "1,2,3,4,5,6,7", undefined, { timeout: 15_000 });
    await connected(page);
    await page.waitForTimeout(300); // nothing late changes it
    const serverRows = [...server.tether.sessions.get(sid)!.toHtml().matchAll(/data-key="(\d+)"/g)].map((m) => m[1]).join();
    expect(serverRows).toBe("1,2,3,4,5,6,7"); // each click applied once, the re-sent one too
    expect(await rows()).toBe(serverRows);
    expect((await log(page)).resumed).toBeGreaterThanOrEqual(1);
    expect(sockets).toEqual([]);
    expect(problems).toEqual(warnings);
  });
});

describe("a half-open connection (no data either way, no close)", () => {
  let server: RunningServer;
  let proxy: TcpProxy;

  beforeAll(async () => {
    server = await serve({ port: 0, host: "127.0.0.1", dev: true, heartbeatInterval: 300, heartbeatTimeout: 300, routes: { "/counter": Counter } });
    proxy = await TcpProxy.forUrl(server.url);
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  afterEach(() => {
    proxy.cutAll(); // the stalled connections
  });

  test("/counter: the page's heartbeat gives it up within seconds, the page resumes, and a click made meanwhile is applied once", async () => {
    const { page, problems, sockets } = await openPage(proxy.url + "/counter");
    const sid = await sessionOf(page);
    const before = (await log(page)).statuses.length;
    proxy.stall();
    // Clicked in the page's own script, one round trip after the stall rather than the several of
    // page.click (a loaded machine could spend the 300 + 300 ms heartbeat on those, and the page
    // would have resumed already): sent into the stalled connection, where it goes nowhere. The
    // element is marked as the click is sent, in the same task, whatever the connection does after.
    const marked = await page.evaluate(() => {
      const inc = document.querySelector<HTMLButtonElement>("#inc")!;
      inc.click();
      return inc.classList.contains("tether-loading");
    });
    expect(marked).toBe(true);
    // The heartbeat is 300 + 300 ms. Waiting for the closing handshake over the dead path, as
    // the page once did, took about 60 s.
    await page.waitForFunction(
      (n) => {
        const statuses = (window as unknown as { __tetherLog: TetherLog }).__tetherLog.statuses.slice(n);
        const reconnecting = statuses.indexOf("reconnecting");
        return reconnecting >= 0 && statuses.indexOf("connected", reconnecting) > reconnecting;
      },
      before,
      { timeout: 10_000 },
    );
    await textIs(page, "#count", "1");
    await page.waitForTimeout(500); // nothing applies it a second time
    expect(await page.textContent("#count")).toBe("1");
    expect(server.tether.sessions.get(sid)?.toHtml()).toContain('<output id="count">1</output>');
    // A new WebSocket, through the proxy: the page resumed the same session.
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    expect(sockets.every((url) => url.startsWith(proxy.url.replace(/^http/, "ws")))).toBe(true);
    const { resumed, ended } = await log(page);
    expect(resumed).toBeGreaterThanOrEqual(1);
    expect(ended).toBe(0);
    expect(problems).toEqual([]);
  });
});

describe("after the retention window", () => {
  let server: RunningServer;
  let proxy: TcpProxy;

  beforeAll(async () => {
    server = await serve({ port: 0, host: "127.0.0.1", dev: true, retention: 300, routes: { "/echo": Echo } });
    proxy = await TcpProxy.forUrl(server.url);
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  test("the page mounts a fresh session, fires tether:session-ended, and the typed value reaches the new session", async () => {
    const { page, problems } = await openPage(proxy.url + "/echo");
    const first = await sessionOf(page);
    await page.click("#name");
    await page.keyboard.type("abc", { delay: 10 });
    await textIs(page, "#echo", "abc");
    expect(echoes.get(first)?.state.text).toBe("abc");

    proxy.pause();
    expect(proxy.cutAll()).toBeGreaterThan(0);
    const end = Date.now() + 10_000;
    while (server.tether.sessions.has(first) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.tether.sessions.has(first)).toBe(false);
    expect(echoes.has(first)).toBe(false);
    await page.keyboard.type(" def", { delay: 10 }); // typed while the session is gone
    proxy.resume();

    await page.waitForFunction(() => (window as unknown as { __tetherLog: TetherLog }).__tetherLog.ended >= 1, undefined, { timeout: 20_000 });
    await connected(page);
    expect(server.tether.sessions.size).toBe(1);
    const [second] = server.tether.sessions.keys();
    expect(second).not.toBe(first);
    // Form recovery: the field kept what was typed, and the new session got it.
    await textIs(page, "#echo", "abc def");
    expect(echoes.get(second)?.state.text).toBe("abc def");
    expect(await page.inputValue("#name")).toBe("abc def");
    expect(await page.evaluate(() => window.tether?.sessionId)).toBe(second);
    expect(problems).toEqual([]);
  });
});
