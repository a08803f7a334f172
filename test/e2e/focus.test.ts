/**
 * End to end in Chromium: what the components do with the keyboard focus, through their hooks in
 * the on-demand page script. A dialog that opens takes the focus, Tab and Shift+Tab go round its
 * controls only (never out to the layout's own links), and closing it gives the focus back to
 * the button that opened it; a tab list's arrow keys, Home and End move to a tab and choose it,
 * and Tab reaches the chosen tab only.
 */
import { describe, expect, test } from "vitest";
import { Component, html, serve, type Layout } from "../../src/index.js";
import { Dialog, DialogHost, Tabs } from "../../components/index.js";
import { useBrowserSuite } from "../support/browser-suite.js";
import { waitUntil } from "../support/live-page.js";

class Settings extends Component<{}, { open: boolean }> {
  state = { open: false };
  show() {
    this.setState({ open: true });
  }
  close() {
    this.setState({ open: false });
  }
  render() {
    const dialog = this.state.open
      ? html`<${Dialog} title="Settings" onClose=${this.close}><label>Name <input id="name" /></label><button id="save" onClick=${this.close}>Save</button></${Dialog}>`
      : null;
    return html`<${DialogHost} dialog=${dialog}>
      <button id="open" onClick=${this.show}>Settings…</button>
      <${Tabs} id="views" label="Views" tabs=${[{ title: "One", content: "first" }, { title: "Two", content: "second" }, { title: "Three", content: "third" }]} />
    </${DialogHost}>`;
  }
}

// The layout's own link, outside the app's root: a dialog's Tab must not reach it.
const layout: Layout = (page) => `<!doctype html><html><head><title>Focus</title>${page.head}${page.script}</head><body><a id="outside" href="/">Home</a>${page.root}</body></html>`;

const suite = useBrowserSuite(() => serve({ port: 0, host: "127.0.0.1", dev: true, routes: { "/": Settings }, layout }));

const focused = (page: import("playwright-core").Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);

describe("focus", () => {
  test("a dialog takes the focus, keeps Tab inside, and gives the focus back when it closes", async () => {
    const { page, problems } = await suite.open("/");
    await page.focus("#open");
    await page.keyboard.press("Enter");
    await page.waitForSelector("dialog[open]");
    await waitUntil(page, () => document.activeElement?.closest("dialog") !== null, null);
    const seen = new Set<string | undefined>();
    for (let i = 0; i < 6; i++) {
      seen.add(await focused(page));
      await page.keyboard.press("Tab");
    }
    for (let i = 0; i < 6; i++) {
      seen.add(await focused(page));
      await page.keyboard.press("Shift+Tab");
    }
    expect(seen.has("outside")).toBe(false);
    expect(seen.has("open")).toBe(false);
    expect([...seen].sort()).toEqual(["BUTTON", "name", "save"].sort()); // the close button has no id
    await page.focus("#save");
    await page.keyboard.press("Enter");
    await page.waitForSelector("dialog", { state: "detached" });
    await waitUntil(page, () => document.activeElement?.id === "open", null);
    expect(problems).toEqual([]);
  });

  test("a tab list's arrow keys, Home and End move to a tab and choose it; Tab reaches the chosen one only", async () => {
    const { page, problems } = await suite.open("/");
    expect(await page.getAttribute("#views-tab-0", "tabindex")).toBe("0");
    expect(await page.getAttribute("#views-tab-1", "tabindex")).toBe("-1");
    await page.focus("#views-tab-0");
    await page.keyboard.press("ArrowRight");
    await waitUntil(page, () => document.querySelector("#views-tab-1")?.getAttribute("aria-selected") === "true", null);
    expect(await focused(page)).toBe("views-tab-1");
    expect(await page.getAttribute("#views-panel-1", "hidden")).toBeNull();
    await page.keyboard.press("End");
    await waitUntil(page, () => document.querySelector("#views-tab-2")?.getAttribute("aria-selected") === "true", null);
    await page.keyboard.press("ArrowRight"); // round to the first
    await waitUntil(page, () => document.querySelector("#views-tab-0")?.getAttribute("aria-selected") === "true", null);
    await page.keyboard.press("ArrowLeft");
    await waitUntil(page, () => document.querySelector("#views-tab-2")?.getAttribute("aria-selected") === "true", null);
    await page.keyboard.press("Home");
    await waitUntil(page, () => document.querySelector("#views-tab-0")?.getAttribute("aria-selected") === "true", null);
    expect(await page.getAttribute("#views-tab-2", "tabindex")).toBe("-1");
    expect(problems).toEqual([]);
  });
});
