/**
 * End to end: `window.auroraview` in headless Chromium, driven the way AuroraView's own
 * TypeScript SDK drives its bridge. The page carries a small client of ours that does what the
 * SDK does (it wraps `trigger` and keeps its own subscribers, waits with `_ready` and
 * `whenReady()`, listens for `auroraviewready`, checks features by the bridge's members and
 * `isMethodBound`); each describe is one point of the README's compatibility table.
 */
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { Component, html, serve, type LiveSession } from "../../src/index.js";
import { useBrowserSuite } from "../support/browser-suite.js";
import { sessionOf } from "../support/js-page.js";
import { waitUntil } from "../support/live-page.js";

/** A server error with AuroraView's `code` and `data`. */
class QuotaError extends Error {
  override name = "QuotaError";
  readonly code = "E_QUOTA";
  readonly data = { used: 10, limit: 10 };
}

/** What each session's page events delivered, by session id. */
const received = new Map<string, Array<[string, unknown]>>();
/** Errors the server reported (the failing handlers the tests call). */
const serverErrors: string[] = [];

class AuroraPage extends Component {
  mount() {
    const session = this.session;
    session.bindApi({ add: ({ a, b }: { a: number; b: number }) => a + b, echo: <T>(x: T) => x, save: () => Promise.reject(new QuotaError("over quota")) });
    session.bindApi({ resize: ({ w }: { w: number }) => `resized to ${w}` }, "tools");
    session.bindCall("plugin:files|list", ({ dir }: { dir?: string }) => [`${dir ?? "."}/a.txt`]);
    session.bindCall("hang", () => new Promise(() => {}));
    for (const event of ["ping", "save"]) session.on(event, (detail) => void (received.get(session.id) ?? received.set(session.id, []).get(session.id)!).push([event, detail]));
  }

  render() {
    return html`<main><h1>AuroraView</h1></main>`;
  }
}

/**
 * Runs in the page's <head> after Tether's scripts, as a bundle importing the SDK would: a
 * client with the SDK's behaviour, written for this test. `window.__sdk` is its API.
 */
const SDK_LIKE_CLIENT = `<script>
  window.__readyAtLoad = [auroraview._ready, auroraview.isReady()];
  window.__earlyApi = [Object.keys(auroraview.api), auroraview.api.add({ a: 40, b: 2 })];
  window.__readyEvents = 0;
  window.addEventListener("auroraviewready", () => window.__readyEvents++);
  window.__sdk = (() => {
    const subscribers = new Map();
    const intercept = () => {
      const bridge = window.auroraview;
      if (!bridge || bridge.trigger.bySdk) return;
      const original = bridge.trigger;
      const wrapped = function (event, detail) {
        if (original) original.call(bridge, event, detail);
        for (const handler of subscribers.get(event) ?? []) handler(detail);
      };
      wrapped.bySdk = true;
      bridge.trigger = wrapped;
    };
    intercept();
    window.addEventListener("auroraviewready", intercept);
    const bridge = () => window.auroraview;
    return {
      on(event, handler) {
        if (!subscribers.has(event)) subscribers.set(event, new Set());
        subscribers.get(event).add(handler);
        return () => subscribers.get(event).delete(handler);
      },
      emit: (event, data) => bridge().send_event(event, data),
      call: (method, params) => bridge().call(method, params),
      invoke: (cmd, args) => bridge().invoke(cmd, args),
      setConfig: (config) => bridge().setConfig && bridge().setConfig(config),
      isReady: () => bridge()._ready === true,
      whenReady: () => (bridge()._ready === true ? Promise.resolve(bridge()) : bridge().whenReady()),
      hasFeature(name) {
        const b = bridge();
        if (!b.isReady()) return false;
        const bound = (m) => b.isMethodBound(m) === true;
        switch (name) {
          case "windowDrag": return typeof b.startDrag === "function";
          case "multiWindow": return bound("window.create") || bound("api.create_window");
          case "clipboard": return b.clipboard !== undefined || bound("clipboard.readText");
          case "shell": return b.shell !== undefined || bound("shell.open");
          case "fileSystem": return b.fs !== undefined || bound("fs.readFile");
          case "dialog": return b.dialog !== undefined || bound("dialog.openFile");
          case "state": return b.state !== undefined;
          case "invoke": return typeof b.invoke === "function";
          case "api": return b.api !== undefined;
        }
        return false;
      },
    };
  })();
</script>`;

const suite = useBrowserSuite(() =>
  serve({ port: 0, host: "127.0.0.1", dev: true, quiet: true, onError: (e: unknown) => void serverErrors.push(String(e)), routes: { "/av": { component: AuroraPage, title: "AuroraView", head: SDK_LIKE_CLIENT, auroraview: true } } }),
);

/** The page's globals (page script, untyped on purpose). */
type PageWindow = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function open(): Promise<{ page: Page; session: LiveSession }> {
  const { page } = await suite.open("/av");
  return { page, session: await sessionOf(suite.server, page) };
}

/** What a page-side promise settled with, errors as their name, message, code and data. */
function settle(page: Page, script: string): Promise<Record<string, unknown>> {
  return page.evaluate(
    (code) =>
      (new Function(`return (${code})`)() as Promise<unknown>).then(
        (value) => ({ ok: true, value }),
        (e: Error & { code?: unknown; data?: unknown }) => ({ ok: false, name: e.name, message: e.message, code: e.code, data: e.data }),
      ),
    script,
  );
}

describe("1. server events reach the SDK's subscribers", () => {
  test("session.emit arrives through auroraview.trigger: the SDK's handlers and the alias's own get it", async () => {
    const { page, session } = await open();
    await page.evaluate(() => {
      const w = window as unknown as PageWindow;
      w.__viaSdk = [];
      w.__viaAlias = [];
      w.__sdk.on("notice", (d: unknown) => w.__viaSdk.push(d));
      w.auroraview.on("notice", (d: unknown) => w.__viaAlias.push(d));
    });
    session.emit("notice", { n: 1 });
    session.emit("notice", { n: 2 });
    await waitUntil(page, () => (window as unknown as PageWindow).__viaSdk.length === 2, null);
    expect(await page.evaluate(() => [(window as unknown as PageWindow).__viaSdk, (window as unknown as PageWindow).__viaAlias])).toEqual([
      [{ n: 1 }, { n: 2 }],
      [{ n: 1 }, { n: 2 }],
    ]);
  });
});

describe("2. readiness", () => {
  test("not ready while the page loads; after the first join _ready, isReady(), whenReady() and one auroraviewready", async () => {
    const { page } = await open();
    expect(await page.evaluate(() => (window as unknown as PageWindow).__readyAtLoad)).toEqual([false, false]);
    await waitUntil(page, () => (window as unknown as PageWindow).__readyEvents === 1, null);
    expect(
      await page.evaluate(async () => {
        const w = window as unknown as PageWindow;
        const resolved = await w.__sdk.whenReady();
        const direct = await w.auroraview.whenReady();
        return [w.__sdk.isReady(), w.auroraview.isReady(), resolved === w.auroraview, direct === w.auroraview];
      }),
    ).toEqual([true, true, true, true]);
  });

  test("the api methods mount() bound are there before the join; a call made then is answered after it", async () => {
    const { page } = await open();
    expect(await page.evaluate(async () => {
      const [keys, sum] = (window as unknown as PageWindow).__earlyApi;
      return [keys, await sum];
    })).toEqual([["add", "echo", "save"], 42]);
  });
});

describe("3. invoke and setConfig", () => {
  test("invoke(cmd, args) reaches the method bound under the command's name", async () => {
    const { page } = await open();
    expect(await settle(page, '__sdk.invoke("plugin:files|list", { dir: "/tmp" })')).toEqual({ ok: true, value: ["/tmp/a.txt"] });
    expect(await settle(page, '__sdk.invoke("plugin:files|list")')).toEqual({ ok: true, value: ["./a.txt"] });
  });

  test("setConfig({ callTimeoutMs }) is the calls' timeout: a call the server never answers rejects with TIMEOUT", async () => {
    const { page } = await open();
    await page.evaluate(() => (window as unknown as PageWindow).__sdk.setConfig({ callTimeoutMs: 200 }));
    expect(await settle(page, '__sdk.call("hang")')).toMatchObject({ ok: false, name: "TimeoutError", code: "TIMEOUT" });
  });
});

describe("4. errors carry code and data", () => {
  test("a handler's error reaches the page with its name, message, code and data", async () => {
    const { page } = await open();
    expect(await settle(page, "auroraview.api.save({})")).toEqual({ ok: false, name: "QuotaError", message: "over quota", code: "E_QUOTA", data: { used: 10, limit: 10 } });
    expect(serverErrors).toContain("QuotaError: over quota");
    expect(await settle(page, 'auroraview.call("nope")')).toMatchObject({ ok: false, name: "NotFoundError" });
  });
});

describe("5. namespaces other than api", () => {
  test("bindApi(obj, 'tools') is auroraview.tools; a namespace bound after the join appears, one never bound is absent", async () => {
    const { page, session } = await open();
    expect(await settle(page, "auroraview.tools.resize({ w: 3 })")).toEqual({ ok: true, value: "resized to 3" });
    expect(await page.evaluate(() => (window as unknown as PageWindow).auroraview.later)).toBeUndefined();
    session.bindApi({ greet: (name: string) => `hello ${name}` }, "later");
    await waitUntil(page, () => (window as unknown as PageWindow).auroraview.later !== undefined, null);
    expect(await settle(page, 'auroraview.later.greet("ann")')).toEqual({ ok: true, value: "hello ann" });
  });
});

describe("6. the method list, and feature checks", () => {
  test("getBoundMethods, isMethodBound and Object.keys(api) list what the server bound (bindCall's too)", async () => {
    const { page, session } = await open();
    const listed = await page.evaluate(() => {
      const av = (window as unknown as PageWindow).auroraview;
      return { methods: av.getBoundMethods(), add: av.isMethodBound("api.add"), nope: av.isMethodBound("api.nope"), api: Object.keys(av.api), nothing: av.api.nope };
    });
    expect(listed).toEqual({ methods: ["api.add", "api.echo", "api.save", "tools.resize", "plugin:files|list", "hang"], add: true, nope: false, api: ["add", "echo", "save"] });
    const unbind = session.bindCall("files.rename", () => true);
    await waitUntil(page, () => (window as unknown as PageWindow).auroraview.isMethodBound("files.rename"), null);
    unbind();
    await waitUntil(page, () => !(window as unknown as PageWindow).auroraview.isMethodBound("files.rename"), null);
  });

  test("the desktop plugins are absent and the SDK's feature checks say so; invoke and api are there", async () => {
    const { page } = await open();
    const features = await page.evaluate(() => {
      const sdk = (window as unknown as PageWindow).__sdk;
      const names = ["windowDrag", "multiWindow", "clipboard", "shell", "fileSystem", "dialog", "state", "invoke", "api"];
      return Object.fromEntries(names.map((n) => [n, sdk.hasFeature(n)]));
    });
    expect(features).toEqual({ windowDrag: false, multiWindow: false, clipboard: false, shell: false, fileSystem: false, dialog: false, state: false, invoke: true, api: true });
  });
});

describe("7. send_event / emit", () => {
  test("without data the server gets {}; data that is not JSON is logged and sent as JSON keeps it", async () => {
    const { page, session } = await open();
    const warnings: string[] = [];
    page.on("console", (m) => void (m.type() === "warning" && warnings.push(m.text())));
    await page.evaluate(() => {
      const sdk = (window as unknown as PageWindow).__sdk;
      sdk.emit("ping");
      sdk.emit("save", { at: Number.NaN, name: "a", f() {} });
      sdk.emit("ping", { last: true });
    });
    await expect.poll(() => received.get(session.id)?.length).toBe(3);
    expect(received.get(session.id)).toEqual([["ping", {}], ["save", { at: null, name: "a" }], ["ping", { last: true }]]);
    expect(warnings.some((w) => w.includes('send_event("save")'))).toBe(true);
  });
});
