/**
 * The XSS suite: every payload of the corpus (xss-corpus.ts) rendered by a real server into
 * headless Chromium, (a) as the first paint's HTML, which the parser reads (the runtime kept
 * out, so the page is exactly that HTML), and (b) as a patch to a live page (a click sets state
 * that renders the payload; the runtime builds its DOM from the ops). In both, nothing of it
 * may run (a trap in the page, dialogs, messages from frames) and no string handler or script
 * URL may be in the DOM (every element and attribute, same-origin frames included). A payload
 * whose rendering is refused passes only with its TypeError reported and, after a patch, the
 * page showing its last good render.
 *
 * A page holds the payloads of one class, each rendered by a component of its own in a section
 * of its own, and each payload is still judged alone: what ran, each danger and each render
 * error names the payload it came from (its id in the trap's call or the frame's message, the
 * section it sits in, the component that failed), and what names none (a dialog, a danger outside
 * every section, a runtime error) counts against every payload of the page. At first paint every
 * section must be there as the parser read it, so a payload that swallowed the markup after it
 * fails the next one. A refused payload fails a first paint whole (the page answers 500), so
 * each has a first paint of its own.
 */
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { Component, html, serve, type RouteProps } from "../../src/index.js";
import { useBrowserSuite } from "../support/browser-suite.js";
import { afterAnswer } from "../support/live-page.js";
import { XSS_CORPUS, type XssClass, type XssPayload } from "./xss-corpus.js";

/** Errors the server reported (render errors among them), since the last page began. */
const reported: Array<{ error: unknown; where: string }> = [];

/** Renders one payload once shown ("waiting" before); a class of its own per payload, so a render error names it. */
function probeOf(payload: XssPayload) {
  return class extends Component<{ shown: boolean }> {
    static displayName = `Payload${payload.id}`;

    render() {
      const id = payload.id;
      const stage = this.props.shown ? payload.render(`__xss(${id})`, `top.postMessage('xss:${id}','*')`) : "waiting";
      return html`<section data-xss-payload=${id}><div class="stage">${stage}</div></section>`;
    }
  };
}

const PROBES = XSS_CORPUS.map(probeOf);

/** Renders the payloads its path lists (`/xss/3,4,5`): at once with `?at=paint`, else when #show is clicked. */
class Probe extends Component<RouteProps, { shown: boolean }> {
  state = { shown: this.props.query.at === "paint" };

  show() {
    this.setState({ shown: true });
  }

  render() {
    // A payload's relative URL (<img src=x>) asks for /xss/x: that page is no payload.
    const probes = String(this.props.params.ids).split(",").map((id) => PROBES[Number(id) - 1]).filter((probe) => probe !== undefined);
    if (probes.length === 0) return html`<p>no such payload</p>`;
    return html`<main><button id="show" onClick=${this.show}>show</button>${probes.map((P, i) => html`<${P} key=${i} shown=${this.state.shown} />`)}</main>`;
  }
}

const suite = useBrowserSuite(() =>
  serve({ port: 0, host: "127.0.0.1", dev: true, quiet: true, routes: { "/xss/:ids": Probe }, onError: (error, where) => reported.push({ error, where }) }),
);

/** Installed before any script of the page: what a payload that ran would report to. */
const TRAP = `(() => {
  window.__xssRan = [];
  window.__xss = (id) => window.__xssRan.push("call " + id);
  addEventListener("message", (e) => { if (String(e.data).startsWith("xss:")) window.__xssRan.push("message " + e.data); });
})();`;

/**
 * What a payload might have left in the DOM that could run: string handlers, script URLs,
 * script documents in frames, scripts; each with the payload section it sits in (null: none).
 */
function findDangers(): Array<{ text: string; within: string | null }> {
  const URL_NAMES = ["href", "src", "action", "formaction", "xlink:href", "poster", "cite", "background", "data", "ping", "srcset", "to", "from", "by", "values", "content"];
  const SCRIPT_URL = /^[\u0000-\u0020]*(?:j[\t\n\r]*a[\t\n\r]*v[\t\n\r]*a|v[\t\n\r]*b)[\t\n\r]*s[\t\n\r]*c[\t\n\r]*r[\t\n\r]*i[\t\n\r]*p[\t\n\r]*t[\t\n\r]*:/i;
  const DATA_DOCUMENT = /^[\u0000-\u0020]*data:[\s]*(?:text\/html|application\/xhtml|image\/svg|text\/xml|application\/xml)/i;
  const dangers: Array<{ text: string; within: string | null }> = [];
  const walk = (doc: Document, where: string, frame: Element | null): void => {
    for (const el of Array.from(doc.querySelectorAll("*"))) {
      const tag = el.localName;
      const within = (frame ?? el).closest("[data-xss-payload]")?.getAttribute("data-xss-payload") ?? null;
      const danger = (text: string) => dangers.push({ text, within });
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        const said = `${where}<${tag} ${attr.name}="${attr.value}">`;
        if (name.startsWith("on")) danger(`string handler ${said}`);
        if (URL_NAMES.includes(name) && attr.value.split(/[;,\s]+/).some((part) => SCRIPT_URL.test(part))) danger(`script URL ${said}`);
        // A data: document anywhere but where only an image is loaded (an SVG image runs no script).
        const image = (tag === "img" && name === "src") || name === "srcset" || name === "poster";
        if (URL_NAMES.includes(name) && !image && DATA_DOCUMENT.test(attr.value)) danger(`data: document ${said}`);
      }
      if (tag === "script" && doc.body.contains(el) && el.getAttribute("type") !== "application/json") danger(`script element ${where}${el.outerHTML}`);
      if (tag === "iframe") {
        const inner = (el as HTMLIFrameElement).contentDocument;
        if (inner !== null) walk(inner, `${where}<iframe> `, frame ?? el);
      }
    }
  };
  walk(document, "", null);
  return dangers;
}

/** Something found on a page, with the payloads it names or sits in: none, and it counts against every payload of the page. */
interface Finding {
  text: string;
  ids: number[];
}

/** What one page showed of its payloads. */
interface Outcome {
  /** What ran: trap calls, frame messages, dialogs. */
  ran: Finding[];
  dangers: Finding[];
  /** Render errors the server reported while the page was made and used. */
  renders: Array<{ error: unknown; where: string }>;
  /** Each payload section's text, by payload id, for the sections that are children of the page's <main>. */
  stages: Record<string, string>;
  /** Uncaught errors and the runtime's own complaints (a live page's). */
  problems: Finding[];
}

/** The payload ids a text names: a trap call (`call 7`, `__xss(7)`) or a frame's message (`xss:7`). */
function idsNamed(text: string): number[] {
  return [...text.matchAll(/__xss\((\d+)\)|xss:(\d+)|^call (\d+)$/g)].map((m) => Number(m[1] ?? m[2] ?? m[3]));
}

/** What counts against `id`: findings that name it or sit in its section, and those that name no payload. */
function against(findings: Finding[], id: number): string[] {
  return findings.filter((f) => f.ids.length === 0 || f.ids.includes(id)).map((f) => f.text);
}

/** Reads the page once it settled: what ran, what could run, and each section's text. */
async function readPage(page: Page, dialogs: string[]): Promise<Omit<Outcome, "renders" | "problems">> {
  const ran = await page.evaluate(() => (window as unknown as { __xssRan: string[] }).__xssRan);
  const dangers = await page.evaluate(findDangers);
  const stages = await page.evaluate(() =>
    Object.fromEntries(Array.from(document.querySelectorAll("main > section[data-xss-payload]"), (s) => [s.getAttribute("data-xss-payload")!, s.querySelector(":scope > .stage")?.textContent ?? ""])),
  );
  return {
    ran: [...ran, ...dialogs.map((message) => `dialog ${message}`)].map((text) => ({ text, ids: idsNamed(text) })),
    dangers: dangers.map(({ text, within }) => ({ text, ids: [...new Set([...(within === null ? [] : [Number(within)]), ...idsNamed(text)])] })),
    stages,
  };
}

/** The render errors that count for `payload`: exactly its TypeError if it is refused, none if not. */
function expectRefusal(outcome: Outcome, payload: XssPayload): void {
  const own = `rendering <Payload${payload.id}>`;
  const renders = outcome.renders.filter((r) => r.where === own || (r.where.startsWith("rendering") && !/<Payload\d+>/.test(r.where)));
  if (payload.refused === undefined) {
    expect(renders.map((r) => String(r.error))).toEqual([]);
    return;
  }
  expect(renders).toHaveLength(1);
  expect(renders[0]!.error).toBeInstanceOf(TypeError);
  expect((renders[0]!.error as Error).message).toMatch(payload.refused);
}

// Time for what loads after the page (an image's error, a frame's document) to run.
const SETTLE_MS = 150;

/**
 * Pages of payloads as the first paint's HTML, with the runtime kept out: the parser's reading
 * of it alone. The pages load side by side; each render error names its payload's component.
 */
async function firstPaints(pages: ReadonlyArray<readonly XssPayload[]>): Promise<Outcome[]> {
  const context = await suite.browser.newContext();
  try {
    await context.addInitScript(TRAP);
    await context.route(/\/_tether\//, (route) => route.abort());
    reported.length = 0;
    const read = await Promise.all(
      pages.map(async (payloads) => {
        const page = await context.newPage();
        const dialogs: string[] = [];
        page.on("dialog", (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        });
        await page.goto(`${suite.server.url}/xss/${payloads.map((p) => p.id).join(",")}?at=paint`, { waitUntil: "load" });
        await page.waitForTimeout(SETTLE_MS);
        return readPage(page, dialogs);
      }),
    );
    const renders = [...reported];
    return read.map((outcome) => ({ ...outcome, renders, problems: [] }));
  } finally {
    await context.close();
  }
}

/** The payloads as a patch: the live page's click renders them, and the runtime applies the ops. */
async function patch(payloads: readonly XssPayload[]): Promise<Outcome> {
  const dialogs: string[] = [];
  const live = await suite.open(`/xss/${payloads.map((p) => p.id).join(",")}`, {
    beforeLoad: async (page) => {
      await page.addInitScript(TRAP);
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
    },
  });
  const { page } = live;
  try {
    reported.length = 0;
    await afterAnswer(page, () => page.click("#show"));
    await page.waitForTimeout(SETTLE_MS);
    const problems = live.problems.filter((p) => p.startsWith("pageerror") || p.includes("[tether]")).map((text) => ({ text, ids: idsNamed(text) }));
    return { ...(await readPage(page, dialogs)), renders: [...reported], problems };
  } finally {
    await live.close();
  }
}

const ofClass = (cls: XssClass) => XSS_CORPUS.filter((p) => p.class === cls);

/** Each payload's first paint, by id, made for its whole class when the class's first test runs: one page for those that render, one for each refused one. */
const paints = new Map<XssClass, Promise<Map<number, Outcome>>>();
function firstPaintOf(payload: XssPayload): Promise<Outcome> {
  let outcomes = paints.get(payload.class);
  if (outcomes === undefined) {
    const all = ofClass(payload.class);
    const rendered = all.filter((p) => p.refused === undefined);
    const pages = [...(rendered.length > 0 ? [rendered] : []), ...all.filter((p) => p.refused !== undefined).map((p) => [p])];
    outcomes = firstPaints(pages).then((read) => new Map(pages.flatMap((page, i) => page.map((p) => [p.id, read[i]!] as const))));
    paints.set(payload.class, outcomes);
  }
  return outcomes.then((byId) => byId.get(payload.id)!);
}

/** Each class's payloads patched into one live page, made when the class's first test runs. */
const patches = new Map<XssClass, Promise<Outcome>>();
function patchOf(payload: XssPayload): Promise<Outcome> {
  let outcome = patches.get(payload.class);
  if (outcome === undefined) patches.set(payload.class, (outcome = patch(ofClass(payload.class))));
  return outcome;
}

/** The first paint: nothing ran or could run, the render refused as the payload says; its section there as rendered. */
async function expectInertFirstPaint(payload: XssPayload): Promise<void> {
  const outcome = await firstPaintOf(payload);
  expect(against(outcome.ran, payload.id)).toEqual([]);
  expect(against(outcome.dangers, payload.id)).toEqual([]);
  expectRefusal(outcome, payload);
  if (payload.refused === undefined) expect(Object.keys(outcome.stages)).toContain(String(payload.id));
}

/** The patch: nothing ran or could run; a refused payload's section shows its last good render, any other its payload. */
async function expectInertPatch(payload: XssPayload): Promise<void> {
  const outcome = await patchOf(payload);
  expect(against(outcome.ran, payload.id)).toEqual([]);
  expect(against(outcome.dangers, payload.id)).toEqual([]);
  expectRefusal(outcome, payload);
  const stage = outcome.stages[String(payload.id)];
  if (payload.refused !== undefined) expect(stage).toBe("waiting"); // the last good render
  else expect(stage).not.toBe("waiting");
  expect(against(outcome.problems, payload.id)).toEqual([]);
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
  test("at first paint, nothing runs", () => expectInertFirstPaint(payload));
  test("as a patch, nothing runs", () => expectInertPatch(payload));
});
