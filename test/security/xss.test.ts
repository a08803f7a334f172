/**
 * The XSS suite: every payload of the corpus (xss-corpus.ts) rendered by a real server into
 * headless Chromium, (a) as the first paint's HTML, which the parser reads (the runtime kept
 * out, so the page is exactly that HTML), and (b) as a patch to a live page (a click sets state
 * that renders the payload; the runtime builds its DOM from the ops). In both, nothing of it
 * may run (a trap in the page, dialogs, messages from frames) and no string handler or script
 * URL may be in the DOM (every element and attribute, same-origin frames included). A payload
 * whose rendering is refused passes only with its TypeError reported and, after a patch, the
 * page showing its last good render.
 */
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { Component, html, serve, type RouteProps } from "../../src/index.js";
import { useBrowserSuite } from "../support/browser-suite.js";
import { afterAnswer } from "../support/live-page.js";
import { XSS_CORPUS, type XssClass, type XssPayload } from "./xss-corpus.js";

/** Errors the server reported (render errors among them), since the last test began. */
const reported: Array<{ error: unknown; where: string }> = [];

/** Renders the payload of its route: at once with `?at=paint`, else when #show is clicked. */
class Probe extends Component<RouteProps, { shown: boolean }> {
  state = { shown: this.props.query.at === "paint" };

  show() {
    this.setState({ shown: true });
  }

  render() {
    // A payload's relative URL (<img src=x>) asks for /xss/x: that page is no payload.
    const payload = XSS_CORPUS[Number(this.props.params.id) - 1] as XssPayload | undefined;
    if (payload === undefined) return html`<p>no such payload</p>`;
    const id = payload.id;
    const stage = this.state.shown ? payload.render(`__xss(${id})`, `top.postMessage('xss:${id}','*')`) : "waiting";
    return html`<main><button id="show" onClick=${this.show}>show</button><div id="stage">${stage}</div></main>`;
  }
}

const suite = useBrowserSuite(() =>
  serve({ port: 0, host: "127.0.0.1", dev: true, routes: { "/xss/:id": Probe }, onError: (error, where) => reported.push({ error, where }) }),
);

/** Installed before any script of the page: what a payload that ran would report to. */
const TRAP = `(() => {
  window.__xssRan = [];
  window.__xss = (id) => window.__xssRan.push("call " + id);
  addEventListener("message", (e) => { if (String(e.data).startsWith("xss:")) window.__xssRan.push("message " + e.data); });
})();`;

/** What a payload might have left in the DOM that could run: string handlers, script URLs, script documents in frames, scripts. */
function findDangers(): string[] {
  const URL_NAMES = ["href", "src", "action", "formaction", "xlink:href", "poster", "cite", "background", "data", "ping", "srcset", "to", "from", "by", "values", "content"];
  const SCRIPT_URL = /^[\u0000-\u0020]*(?:j[\t\n\r]*a[\t\n\r]*v[\t\n\r]*a|v[\t\n\r]*b)[\t\n\r]*s[\t\n\r]*c[\t\n\r]*r[\t\n\r]*i[\t\n\r]*p[\t\n\r]*t[\t\n\r]*:/i;
  const DATA_DOCUMENT = /^[\u0000-\u0020]*data:[\s]*(?:text\/html|application\/xhtml|image\/svg|text\/xml|application\/xml)/i;
  const dangers: string[] = [];
  const walk = (doc: Document, where: string): void => {
    for (const el of Array.from(doc.querySelectorAll("*"))) {
      const tag = el.localName;
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        const said = `${where}<${tag} ${attr.name}="${attr.value}">`;
        if (name.startsWith("on")) dangers.push(`string handler ${said}`);
        if (URL_NAMES.includes(name) && attr.value.split(/[;,\s]+/).some((part) => SCRIPT_URL.test(part))) dangers.push(`script URL ${said}`);
        // A data: document anywhere but where only an image is loaded (an SVG image runs no script).
        const image = (tag === "img" && name === "src") || name === "srcset" || name === "poster";
        if (URL_NAMES.includes(name) && !image && DATA_DOCUMENT.test(attr.value)) dangers.push(`data: document ${said}`);
      }
      if (tag === "script" && doc.body.contains(el) && el.getAttribute("type") !== "application/json") dangers.push(`script element ${where}${el.outerHTML}`);
      if (tag === "iframe") {
        const inner = (el as HTMLIFrameElement).contentDocument;
        if (inner !== null) walk(inner, `${where}<iframe> `);
      }
    }
  };
  walk(document, "");
  return dangers;
}

/** What ran in the page: trap calls and frame messages, and the dialogs seen. */
async function executions(page: Page, dialogs: string[]): Promise<string[]> {
  const ran = await page.evaluate(() => (window as unknown as { __xssRan: string[] }).__xssRan);
  return [...ran, ...dialogs.map((message) => `dialog ${message}`)];
}

/** The render errors reported for this payload: exactly its TypeError if it is refused, none if not. */
function expectRefusal(payload: XssPayload): void {
  const renders = reported.filter((r) => r.where.startsWith("rendering"));
  if (payload.refused === undefined) {
    expect(renders.map((r) => String(r.error))).toEqual([]);
    return;
  }
  expect(renders).toHaveLength(1);
  expect(renders[0].error).toBeInstanceOf(TypeError);
  expect((renders[0].error as Error).message).toMatch(payload.refused);
}

// Time for what loads after the page (an image's error, a frame's document) to run.
const SETTLE_MS = 150;

/** The payload as the first paint's HTML, with the runtime kept out: the parser's reading of it alone. */
async function firstPaint(payload: XssPayload): Promise<void> {
  const context = await suite.browser.newContext();
  try {
    await context.addInitScript(TRAP);
    await context.route(/\/_tether\//, (route) => route.abort());
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    reported.length = 0;
    await page.goto(`${suite.server.url}/xss/${payload.id}?at=paint`, { waitUntil: "load" });
    await page.waitForTimeout(SETTLE_MS);
    expect(await executions(page, dialogs)).toEqual([]);
    expect(await page.evaluate(findDangers)).toEqual([]);
    expectRefusal(payload);
  } finally {
    await context.close();
  }
}

/** The payload as a patch: the live page's click renders it, and the runtime applies the ops. */
async function patch(payload: XssPayload): Promise<void> {
  const dialogs: string[] = [];
  const live = await suite.open(`/xss/${payload.id}`, {
    beforeLoad: async (page) => {
      await page.addInitScript(TRAP);
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
    },
  });
  const { page } = live;
  reported.length = 0;
  await afterAnswer(page, () => page.click("#show"));
  await page.waitForTimeout(SETTLE_MS);
  expect(await executions(page, dialogs)).toEqual([]);
  expect(await page.evaluate(findDangers)).toEqual([]);
  expectRefusal(payload);
  const stage = await page.textContent("#stage");
  if (payload.refused !== undefined) expect(stage).toBe("waiting"); // the last good render
  else expect(stage).not.toBe("waiting");
  expect(live.problems.filter((p) => p.startsWith("pageerror") || p.includes("[tether]"))).toEqual([]);
}

describe("the corpus", () => {
  test("has at least 60 payloads, over every class, through every API", () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(60);
    const classes: XssClass[] = ["text", "attribute value", "url", "namespace", "raw text", "tag name", "attribute name", "event prop", "prototype key", "forged vnode", "raw html"];
    expect(new Set(XSS_CORPUS.map((p) => p.class))).toEqual(new Set(classes));
    expect(new Set(XSS_CORPUS.map((p) => p.via))).toEqual(new Set(["html", "html spread", "h", "JSX runtime", "raw()"]));
  });
});

describe.each(XSS_CORPUS.map((p) => [`#${p.id} ${p.class} via ${p.via}: ${p.name}${p.refused ? " (refused)" : ""}`, p] as const))("%s", (_, payload) => {
  test("at first paint, nothing runs", () => firstPaint(payload));
  test("as a patch, nothing runs", () => patch(payload));
});
