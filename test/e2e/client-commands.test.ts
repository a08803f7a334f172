/**
 * End to end: client commands (`t-js`) in Chromium. Every command runs in the page; the /menu
 * example opens and closes its menu with no WebSocket frame sent; `push` reaches the server's
 * `session.on`; and the sticky rule: a patch of an attribute a command set replaces it, unless
 * the user is interacting with the element (focus inside it), and an attribute the server does
 * not change keeps what the command did.
 */
import { expect, test } from "vitest";
import type { Page } from "playwright-core";
import { Component, html, JS, serve } from "../../src/index.js";
import { Menu } from "../../examples/menu.js";
import { useBrowserSuite } from "../support/browser-suite.js";
import { waitUntil } from "../support/live-page.js";
import { textIs } from "../support/js-page.js";

class Commands extends Component<Record<string, never>, { boxClass: string; panelClass: string; pushes: string; renders: number }> {
  state = { boxClass: "", panelClass: "", pushes: "", renders: 0 };

  mount() {
    this.session.on("pushed", (detail) => this.setState({ pushes: this.state.pushes + JSON.stringify(detail) }));
    this.session.on("panel-class", (detail) => this.setState({ panelClass: String(detail), renders: this.state.renders + 1 }));
    this.session.on("rerender", () => this.setState({ renders: this.state.renders + 1 }));
  }

  render() {
    return html`<main>
      <div id="box" class=${this.state.boxClass} hidden>box</div>
      <button id="show" t-js=${JS.show("#box")}>show</button>
      <button id="show-flex" t-js=${JS.show("#box", { display: "flex" })}>show flex</button>
      <button id="hide" t-js=${JS.hide("#box")}>hide</button>
      <button id="toggle" t-js=${JS.toggle("#box")}>toggle</button>
      <button id="add-class" t-js=${JS.addClass("#box", "a b")}>add</button>
      <button id="remove-class" t-js=${JS.removeClass("#box", "a")}>remove</button>
      <button id="toggle-class" t-js=${JS.toggleClass("#box", "t")}>toggle class</button>
      <button id="set-attr" t-js=${JS.setAttribute("#box", "title", "hi")}>set</button>
      <button id="remove-attr" t-js=${JS.removeAttribute("#box", "title")}>unset</button>
      <input id="field" />
      <button id="focus" t-js=${JS.focus("#field")}>focus</button>
      <button id="dispatch" t-js=${JS.dispatch("#box", "box-event", { x: 1 })}>dispatch</button>
      <button id="transition" t-js=${JS.transition("#box", "flash", 100)}>transition</button>
      <button id="push" t-js=${JS.push("pushed", { y: 2 })}>push</button>
      <button id="self" t-js=${JS.addClass(undefined, "clicked")}>self</button>
      <input id="typed" t-js-input=${JS.setAttribute("#box", "data-typed", "yes")} />
      <button id="server-class" onClick=${() => this.setState({ boxClass: "server" })}>server class</button>
      <div id="panel" class=${this.state.panelClass}><input id="inner" /></div>
      <button id="open-panel" t-js=${JS.addClass("#panel", "open")}>open panel</button>
      <button id="bad" t-js=${'[["nope",null]]'}>bad</button>
      <output id="pushes">${this.state.pushes}</output>
      <output id="renders">${this.state.renders}</output>
    </main>`;
  }
}

const suite = useBrowserSuite(() => serve({ port: 0, host: "127.0.0.1", dev: true, quiet: true, routes: { "/commands": Commands, "/menu": Menu } }));

/** Frames the page sent on its WebSockets after the Mount, but heartbeats: kept in the test. */
function sentFrames(page: Page): string[] {
  const sent: string[] = [];
  page.on("websocket", (ws) => ws.on("framesent", (frame) => {
    const text = typeof frame.payload === "string" ? frame.payload : frame.payload.toString();
    if (!text.startsWith('{"k":4')) sent.push(text);
  }));
  return sent;
}

const box = (page: Page) => page.evaluate(() => {
  const el = document.querySelector<HTMLElement>("#box")!;
  return { display: getComputedStyle(el).display, class: el.className, title: el.getAttribute("title"), typed: el.getAttribute("data-typed") };
});

test("the /menu example shows and hides #menu with no frame sent to the server", async () => {
  let sent: string[] = [];
  const { page } = await suite.open("/menu", { beforeLoad: (p) => void (sent = sentFrames(p)) });
  const before = sent.length;
  await page.click("#menu-toggle");
  expect(await page.isVisible("#menu")).toBe(true);
  await page.click("#menu-toggle");
  expect(await page.isVisible("#menu")).toBe(false);
  await page.click("#modal-open");
  expect(await page.isVisible("#modal")).toBe(true);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("modal-close");
  await page.click("#modal-close");
  expect(await page.isVisible("#modal")).toBe(false);
  // t-js-keydown with t-key="Escape": another key does nothing, Escape closes it.
  await page.click("#modal-open");
  await page.keyboard.press("a");
  expect(await page.isVisible("#modal")).toBe(true);
  await page.keyboard.press("Escape");
  expect(await page.isVisible("#modal")).toBe(false);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("modal-open");
  // The page runs nothing later: a frame would have been sent by now, in the same task as the click.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  expect(sent.slice(before)).toEqual([]);
  // The frames are seen: a server handler's click is one.
  await page.click("#rerender");
  await textIs(page, "#renders", "1");
  expect(sent.slice(before).length).toBe(1);
});

test("/menu: picking an item hides the menu and pushes the item to the server; a server re-render keeps the menu open", async () => {
  const { page, problems } = await suite.open("/menu");
  await page.click("#menu-toggle");
  await page.click("#rerender");
  await textIs(page, "#renders", "1");
  expect(await page.isVisible("#menu")).toBe(true);
  await page.click('[data-item="Rename"]');
  expect(await page.isVisible("#menu")).toBe(false);
  await textIs(page, "#picked", "Rename");
  expect(problems).toEqual([]);
});

test("every command runs in the page", async () => {
  const { page, problems } = await suite.open("/commands");
  expect((await box(page)).display).toBe("none");
  await page.click("#show");
  expect((await box(page)).display).toBe("block");
  await page.click("#hide");
  expect((await box(page)).display).toBe("none");
  await page.click("#show-flex");
  expect((await box(page)).display).toBe("flex");
  await page.click("#toggle");
  expect((await box(page)).display).toBe("none");
  await page.click("#toggle");
  expect((await box(page)).display).toBe("block");
  await page.click("#add-class");
  expect((await box(page)).class).toBe("a b");
  await page.click("#remove-class");
  expect((await box(page)).class).toBe("b");
  await page.click("#toggle-class");
  expect((await box(page)).class).toBe("b t");
  await page.click("#toggle-class");
  expect((await box(page)).class).toBe("b");
  await page.click("#set-attr");
  expect((await box(page)).title).toBe("hi");
  await page.click("#remove-attr");
  expect((await box(page)).title).toBe(null);
  await page.click("#focus");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("field");
  await page.fill("#typed", "x");
  expect((await box(page)).typed).toBe("yes");
  await page.click("#self");
  expect(await page.getAttribute("#self", "class")).toBe("clicked");

  const detail = await page.evaluate(() => new Promise((resolve) => {
    document.querySelector("#box")!.addEventListener("box-event", (e) => resolve((e as CustomEvent).detail), { once: true });
    document.querySelector<HTMLElement>("#dispatch")!.click();
  }));
  expect(detail).toEqual({ x: 1 });

  // The transition's class is there at once (same task as the click), and gone after it.
  expect(await page.evaluate(() => {
    document.querySelector<HTMLElement>("#transition")!.click();
    return document.querySelector("#box")!.classList.contains("flash");
  })).toBe(true);
  await waitUntil(page, () => !document.querySelector("#box")!.classList.contains("flash"), null);

  await page.click("#push");
  await textIs(page, "#pushes", '{"y":2}');

  // A list that is not valid commands runs nothing and says why in the console.
  await page.click("#bad");
  expect(problems.filter((p) => !p.includes('unknown command "nope"'))).toEqual([]);
  expect(problems.some((p) => p.includes('unknown command "nope"'))).toBe(true);
});

test("sticky rule: a patch of an attribute a command set wins; an attribute the server does not change keeps the command's value", async () => {
  const { page } = await suite.open("/commands");
  await page.click("#show");
  await page.click("#add-class");
  // The server re-renders without touching #box's attributes: what the commands did stays.
  await page.evaluate(() => (window as unknown as { tether: { sendEvent(e: string): void } }).tether.sendEvent("rerender"));
  await textIs(page, "#renders", "1");
  expect(await box(page)).toMatchObject({ display: "block", class: "a b" });
  // The server changes #box's class, and nobody is interacting with #box: the server's value wins.
  await page.click("#server-class");
  await waitUntil(page, () => document.querySelector("#box")!.className === "server", null);
  expect((await box(page)).display).toBe("block"); // style: not patched, still the command's
});

test("sticky rule: while the user is interacting with the element (focus inside it), the command's value is put back after a patch", async () => {
  const { page } = await suite.open("/commands");
  await page.click("#open-panel");
  await page.focus("#inner");
  await page.evaluate(() => (window as unknown as { tether: { sendEvent(e: string, d: unknown): void } }).tether.sendEvent("panel-class", "server"));
  await textIs(page, "#renders", "1");
  expect(await page.getAttribute("#panel", "class")).toBe("open");
  // Focus gone: the server's next change of that attribute wins.
  await page.focus("#field");
  await page.evaluate(() => (window as unknown as { tether: { sendEvent(e: string, d: unknown): void } }).tether.sendEvent("panel-class", "server2"));
  await textIs(page, "#renders", "2");
  expect(await page.getAttribute("#panel", "class")).toBe("server2");
});
