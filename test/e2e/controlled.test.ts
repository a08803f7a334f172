/**
 * End to end: controlled inputs (src/diff/controlled.ts) in Chromium. A field whose value the
 * server renders is cleared by rendering the same `""` as before once the page has told the
 * server what it shows (an input or change event, a submit), for text, checkboxes and selects;
 * and invariant 5 holds: what the user types while an answer is on its way is not rewound.
 */
import { describe, expect, test } from "vitest";
import { Component, html, serve, type LiveEvent } from "../../src/index.js";
import { useBrowserSuite } from "../support/browser-suite.js";
import { afterAnswer, waitUntil } from "../support/live-page.js";

/** Every field renders a constant: the server's value never changes, only the page's does. */
class Constant extends Component<Record<string, never>, { submits: number; seen: string }> {
  state = { submits: 0, seen: "" };

  submit(event: LiveEvent) {
    this.setState({ submits: this.state.submits + 1, seen: String(event.form?.note ?? "") });
  }

  see(event: LiveEvent) {
    this.setState({ seen: event.value ?? String(event.checked) });
  }

  render() {
    return html`<form onSubmit=${this.submit}>
      <input id="note" name="note" value=${""} />
      <input id="typed" value=${""} onInput=${this.see} />
      <input id="box" type="checkbox" checked=${false} onChange=${this.see} />
      <select id="pick" value=${"a"} onChange=${this.see}><option value="a">A</option><option value="b">B</option></select>
      <button id="go">Go</button>
      <output id="submits">${this.state.submits}</output> <output id="seen">${this.state.seen}</output>
    </form>`;
  }
}

/** Echoes what is typed, slowly: an answer that arrives while the user has typed on. */
class SlowEcho extends Component<Record<string, never>, { text: string }> {
  state = { text: "" };

  async type(event: LiveEvent) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    this.setState({ text: event.value ?? "" });
  }

  render() {
    return html`<input id="slow" value=${this.state.text} onInput=${this.type} />`;
  }
}

const suite = useBrowserSuite(() => serve({ port: 0, host: "127.0.0.1", dev: true, routes: { "/constant": Constant, "/slow": SlowEcho } }));

const valueOf = (id: string) => (document.getElementById(id) as HTMLInputElement).value;

describe("controlled inputs", () => {
  test("a submit clears a field whose rendered value stayed \"\"", async () => {
    const { page, problems } = await suite.open("/constant");
    await page.fill("#note", "milk");
    await page.press("#note", "Enter");
    await waitUntil(page, () => document.getElementById("submits")?.textContent === "1", null);
    expect(await page.textContent("#seen")).toBe("milk");
    await waitUntil(page, (id) => (document.getElementById(id) as HTMLInputElement).value === "", "note");
    // And again: the second clear is the same "" as the first.
    await page.fill("#note", "bread");
    await page.press("#note", "Enter");
    await waitUntil(page, () => document.getElementById("submits")?.textContent === "2", null);
    await waitUntil(page, (id) => (document.getElementById(id) as HTMLInputElement).value === "", "note");
    expect(problems).toEqual([]);
  });

  test("an input event puts the server's value back once answered; a checkbox and a select too", async () => {
    const { page, problems } = await suite.open("/constant");
    await afterAnswer(page, () => page.fill("#typed", "abc"));
    // The server's value is "" and the page said "abc": the render sent "", applied once the event was answered.
    expect(await page.evaluate(valueOf, "typed")).toBe("");
    await afterAnswer(page, () => page.click("#box"));
    expect(await page.evaluate(() => (document.getElementById("box") as HTMLInputElement).checked)).toBe(false);
    await afterAnswer(page, () => page.selectOption("#pick", "b"));
    expect(await page.evaluate(valueOf, "pick")).toBe("a");
    expect(problems).toEqual([]);
  });

  test("what is typed while an echo is on its way stays (invariant 5), and focus stays", async () => {
    const { page, problems } = await suite.open("/slow");
    await page.click("#slow");
    await page.keyboard.type("hello world", { delay: 20 });
    await waitUntil(page, () => (window as unknown as { __tetherAnswered: number; __tetherSent: number }).__tetherAnswered >= (window as unknown as { __tetherSent: number }).__tetherSent, null);
    expect(await page.evaluate(valueOf, "slow")).toBe("hello world");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("slow");
    expect(problems).toEqual([]);
  });
});
