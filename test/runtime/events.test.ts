/**
 * The runtime's events (runtime/events.ts, form.ts and the input guard in runtime.ts) in
 * Chromium, against small test components on a real server: what reaches the server, how
 * often, and that a server echo never beats the user's typing (invariant 5).
 */
import { beforeEach, describe, expect, test, vi } from "vitest";
import type { Page } from "playwright-core";
import { Component, html, serve, type LiveEvent } from "../../src/index.js";
import { Msg, Op } from "../../src/protocol/wire.js";
import { useBrowserSuite } from "../support/browser-suite.js";
import { afterAnswer, type LivePage } from "../support/live-page.js";

/** What the test components' handlers received, in order. Reset before each test. */
interface Received {
  type: string;
  value?: string;
  key?: string;
  form?: Record<string, string | string[]>;
  checked?: boolean;
  values?: string[];
}
let received: Received[] = [];
/**
 * The test now running (beforeEach counts them): a page of an earlier test whose last event
 * arrives late (a loaded machine) records nothing into this test's `received`.
 */
let testNumber = 0;

/** The test components' base: what they record counts only for the test that rendered them. */
abstract class Recorder<P = Record<string, never>, S = Record<string, unknown>> extends Component<P, S> {
  readonly test = testNumber;
  record(event: LiveEvent): void {
    if (this.test === testNumber) record(event);
  }
}

function record(event: LiveEvent): void {
  const r: Received = { type: event.type };
  if (event.value !== undefined) r.value = event.value;
  if (event.key !== undefined) r.key = event.key;
  if (event.form !== undefined) r.form = event.form;
  if (event.checked !== undefined) r.checked = event.checked;
  if (event.values !== undefined) r.values = event.values;
  received.push(r);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Debounced extends Recorder {
  onInput(event: LiveEvent) {
    this.record(event);
  }
  onBlur(event: LiveEvent) {
    this.record(event);
  }
  render() {
    return html`<main><input id="q" t-debounce="200" onInput=${this.onInput} onBlur=${this.onBlur} /><button id="other">other</button></main>`;
  }
}

class Throttled extends Recorder {
  onInput(event: LiveEvent) {
    this.record(event);
  }
  render() {
    return html`<main><input id="q" t-throttle="300" onInput=${this.onInput} /></main>`;
  }
}

class Keys extends Recorder {
  onKeyDown(event: LiveEvent) {
    this.record(event);
  }
  render() {
    return html`<main>
      <input id="enter" t-key="Enter" onKeyDown=${this.onKeyDown} />
      <input id="either" t-key="Enter, Escape" onKeyUp=${this.onKeyDown} />
    </main>`;
  }
}

class Form extends Recorder {
  onSubmit(event: LiveEvent) {
    this.record(event);
  }
  render() {
    return html`<main>
      <form id="f" action="/elsewhere" method="get" onSubmit=${this.onSubmit}>
        <input name="q" value="query" />
        <input type="checkbox" name="tags" value="a" checked />
        <input type="checkbox" name="tags" value="b" checked />
        <input type="checkbox" name="tags" value="c" />
        <input type="checkbox" name="agree" checked />
        <input type="checkbox" name="none" />
        <input type="checkbox" name="one" value="x" /><input type="checkbox" name="one" value="y" />
        <input type="radio" name="size" value="s" /><input type="radio" name="size" value="m" checked />
        <select name="colors" multiple>
          <option value="red" selected>Red</option>
          <option value="green">Green</option>
          <option value="blue" selected>Blue</option>
        </select>
        <select name="single"><option value="1">1</option><option value="2" selected>2</option></select>
        <input name="list[]" value="only" />
        <textarea name="notes">two\nlines</textarea>
        <button id="save" name="action" value="save">Save</button>
        <button id="plain">Plain</button>
      </form>
    </main>`;
  }
}

class Focus extends Recorder {
  onFocus(event: LiveEvent) {
    this.record(event);
  }
  onBlur(event: LiveEvent) {
    this.record(event);
  }
  onWrapperFocus(event: LiveEvent) {
    this.record({ ...event, type: "wrapper " + event.type });
  }
  render() {
    return html`<main>
      <div id="wrapper" onFocus=${this.onWrapperFocus} onBlur=${this.onWrapperFocus}>
        <input id="a" value="A" onFocus=${this.onFocus} onBlur=${this.onBlur} />
      </div>
      <input id="b" />
    </main>`;
  }
}

/**
 * A controlled input whose server echo comes late: the handler takes 150 ms (synchronous work),
 * so events queue up on the server and each echo reaches the browser after the user has typed on.
 */
class SlowEcho extends Recorder<Record<string, never>, { text: string }> {
  state = { text: "" };
  onInput(event: LiveEvent) {
    this.record(event);
    const end = performance.now() + 150;
    while (performance.now() < end) {
      // busy: a slow handler (a query, a computation) that blocks this session's turn
    }
    this.setState({ text: event.value ?? "" });
  }
  render() {
    return html`<main><input id="c" value=${this.state.text} onInput=${this.onInput} /><output id="echo">${this.state.text}</output></main>`;
  }
}

/** A chat box: controlled input, cleared by the server on submit. */
/** A controlled input whose handler is async: the echo comes 300 ms after each keystroke. */
class AsyncEcho extends Component<Record<string, never>, { text: string }> {
  state = { text: "" };
  async onInput(event: LiveEvent) {
    const value = event.value ?? "";
    await sleep(300);
    this.setState({ text: value });
  }
  render() {
    return html`<main><input id="q" value=${this.state.text} onInput=${this.onInput} /></main>`;
  }
}

class ClearOnSubmit extends Recorder<Record<string, never>, { text: string; sent: string[] }> {
  state = { text: "", sent: [] as string[] };
  onInput(event: LiveEvent) {
    this.setState({ text: event.value ?? "" });
  }
  onSubmit(event: LiveEvent) {
    this.record(event);
    this.setState({ text: "", sent: [...this.state.sent, this.state.text] });
  }
  render() {
    return html`<main>
      <form onSubmit=${this.onSubmit}><input id="msg" name="msg" value=${this.state.text} onInput=${this.onInput} /></form>
      <ul id="sent">${this.state.sent.map((s, i) => html`<li key=${i}>${s}</li>`)}</ul>
    </main>`;
  }
}

const suite = useBrowserSuite(() =>
  serve({
    port: 0,
    host: "127.0.0.1",
    dev: true,
    routes: { "/debounce": Debounced, "/throttle": Throttled, "/keys": Keys, "/form": Form, "/focus": Focus, "/echo": SlowEcho, "/async-echo": AsyncEcho, "/clear": ClearOnSubmit },
  }),
);
/** The test's page (the suite closes it after the test). */
let live: LivePage;

beforeEach(() => {
  received = [];
  testNumber++;
});

async function open(path: string, beforeLoad?: (page: Page) => unknown): Promise<Page> {
  live = await suite.open(path, { beforeLoad });
  return live.page;
}

const values = () => received.map((r) => r.value);

/** Pushes onto `into` each value the server's patches set on a field (SetProp "value"), as they arrive. */
function recordValueOps(page: Page, into: string[]): void {
  page.on("websocket", (ws) =>
    ws.on("framereceived", ({ payload }) => {
      // Small messages travel as text; only large ones are compressed (binary), and these are small.
      if (typeof payload !== "string") return;
      const m = JSON.parse(payload) as { k: number; o?: unknown[][] };
      if (m.k === Msg.Patch) for (const op of m.o!) if (op[0] === Op.SetProp && op[2] === "value") into.push(op[3] as string);
    }),
  );
}

/** Types `text` into the focused field from inside the page, `gap` ms between characters. */
function typeInPage(page: Page, text: string, gap: number) {
  return page.evaluate(
    async ({ text, gap }) => {
      for (const c of text) {
        document.execCommand("insertText", false, c);
        if (gap > 0) await new Promise((r) => setTimeout(r, gap));
      }
    },
    { text, gap },
  );
}

describe("t-debounce", () => {
  test("quick typing sends one input event, with the final value, after the pause", async () => {
    const page = await open("/debounce");
    await page.click("#q");
    await typeInPage(page, "hello", 30); // 30 ms apart, well inside 200 ms
    expect(received).toEqual([]);
    await vi.waitFor(() => expect(received.length).toBe(1), { timeout: 10_000 });
    expect(received[0]).toMatchObject({ type: "input", value: "hello" });
    // Nothing else comes later.
    await sleep(400);
    expect(received.map((r) => r.type)).toEqual(["input"]);

    // A second burst, all in one task, is a second event.
    await typeInPage(page, " you", 0);
    await vi.waitFor(() => expect(received.length).toBe(2), { timeout: 10_000 });
    await sleep(300);
    expect(values()).toEqual(["hello", "hello you"]);
    expect(live.problems).toEqual([]);
  });

  test("leaving the field sends what waits in the debounce first, before the blur", async () => {
    const page = await open("/debounce");
    await page.click("#q");
    // Type and move focus away in one task: the blur comes long before the 200 ms are up.
    await page.evaluate(() => {
      for (const c of "abc") document.execCommand("insertText", false, c);
      document.querySelector<HTMLButtonElement>("#other")!.focus();
    });
    await vi.waitFor(() => expect(received.length).toBe(2), { timeout: 10_000 });
    expect(received.map((r) => [r.type, r.value])).toEqual([["input", "abc"], ["blur", "abc"]]);
    await sleep(300);
    expect(received.length).toBe(2);
    expect(live.problems).toEqual([]);
  });
});

/**
 * Dispatches input events with the given values from inside the page, `gap` ms apart, and
 * returns when the page sent each input event (ms after the first dispatch) and its value.
 */
function inputInPage(page: Page, texts: string[], gap: number) {
  return page.evaluate(
    async ({ texts, gap }) => {
      const sends: Array<{ at: number; value: string }> = [];
      const t0 = performance.now();
      const send = WebSocket.prototype.send;
      WebSocket.prototype.send = function (this: WebSocket, data: string) {
        const m = JSON.parse(data) as { k: number; t?: string; d?: { value?: string } };
        if (m.t === "input") sends.push({ at: performance.now() - t0, value: m.d!.value! });
        return send.call(this, data);
      } as typeof send;
      const input = document.querySelector<HTMLInputElement>("#q")!;
      for (const text of texts) {
        input.value = text;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        if (gap > 0) await new Promise((r) => setTimeout(r, gap));
      }
      // Long enough for any trailing event.
      await new Promise((r) => setTimeout(r, 700));
      WebSocket.prototype.send = send;
      return sends;
    },
    { texts, gap },
  );
}

describe("t-throttle", () => {
  test("a burst sends the first event at once and the latest at the end of the window", async () => {
    const page = await open("/throttle");
    // Three input events in one task: the first goes at once, the last waits for the window to close.
    const sends = await inputInPage(page, ["a", "ab", "abc"], 0);
    expect(sends.map((s) => s.value)).toEqual(["a", "abc"]);
    expect(sends[0].at).toBeLessThan(100);
    expect(sends[1].at).toBeGreaterThanOrEqual(295);
    await vi.waitFor(() => expect(values()).toEqual(["a", "abc"]), { timeout: 10_000 });
    expect(live.problems).toEqual([]);
  });

  test("steady typing is thinned out, in order, and the final value always arrives", async () => {
    const page = await open("/throttle");
    const typed = "abcdefghijkl";
    // 12 input events 40 ms apart (~480 ms) through a 300 ms throttle.
    const sends = await inputInPage(page, Array.from(typed, (_, i) => typed.slice(0, i + 1)), 40);
    const sent = sends.map((s) => s.value);
    expect(sent[0]).toBe("a");
    expect(sent.at(-1)).toBe(typed);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.length).toBeLessThanOrEqual(6);
    // Each value extends the one before: nothing out of order, nothing repeated.
    for (let i = 1; i < sent.length; i++) expect(sent[i].length).toBeGreaterThan(sent[i - 1].length);
    await vi.waitFor(() => expect(values()).toEqual(sent), { timeout: 10_000 });
    expect(live.problems).toEqual([]);
  });
});

describe("t-key", () => {
  test('keydown with t-key="Enter" sends only for Enter, with the field value', async () => {
    const page = await open("/keys");
    await page.click("#enter");
    await page.keyboard.type("ab");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    await page.click("#enter");
    await page.keyboard.press("Enter");
    await vi.waitFor(() => expect(received.length).toBe(1), { timeout: 10_000 });
    await page.keyboard.press("x");
    await page.keyboard.press("Enter");
    await vi.waitFor(() => expect(received.length).toBe(2), { timeout: 10_000 });
    expect(received.map((r) => [r.type, r.key, r.value])).toEqual([["keydown", "Enter", "ab"], ["keydown", "Enter", "abx"]]);
    expect(live.problems).toEqual([]);
  });

  test("a list of keys on keyup: each listed key sends, others do not", async () => {
    const page = await open("/keys");
    await page.click("#either");
    for (const key of ["a", "Escape", "b", "Enter", "Shift", "Backspace"]) await page.keyboard.press(key);
    await vi.waitFor(() => expect(received.length).toBe(2), { timeout: 10_000 });
    await sleep(200);
    expect(received.map((r) => [r.type, r.key])).toEqual([["keyup", "Escape"], ["keyup", "Enter"]]);
    expect(live.problems).toEqual([]);
  });
});

describe("submit", () => {
  test("sends the form's fields, with arrays for names that hold several values, and does not navigate", async () => {
    const page = await open("/form");
    await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
    await page.fill("input[name=q]", "typed query");
    await page.click("#save");
    await vi.waitFor(() => expect(received.length).toBe(1), { timeout: 10_000 });
    expect(received[0].type).toBe("submit");
    expect(received[0].form).toEqual({
      q: "typed query",
      tags: ["a", "b"],
      agree: "on",
      one: [],
      size: "m",
      colors: ["red", "blue"],
      single: "2",
      "list[]": ["only"],
      notes: "two\nlines",
      action: "save",
    });
    // Still the same document, at the same address.
    await sleep(200);
    expect(new URL(page.url()).pathname).toBe("/form");
    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
    expect(live.problems).toEqual([]);
  });

  test("changed choices are sent as they are now; a plain submit button adds nothing", async () => {
    const page = await open("/form");
    await page.uncheck("input[name=tags][value=a]");
    await page.check("input[name=one][value=y]");
    await page.selectOption("select[name=colors]", ["green"]);
    await page.check("input[name=size][value=s]");
    await page.uncheck("input[name=agree]");
    await page.click("#plain");
    await vi.waitFor(() => expect(received.length).toBe(1), { timeout: 10_000 });
    expect(received[0].form).toMatchObject({ tags: ["b"], one: ["y"], colors: ["green"], size: "s" });
    expect(received[0].form).not.toHaveProperty("agree");
    expect(received[0].form).not.toHaveProperty("action");

    // Enter in a text field submits too (implicit submission), once.
    await page.click("input[name=q]");
    await page.keyboard.press("Enter");
    await vi.waitFor(() => expect(received.length).toBe(2), { timeout: 10_000 });
    await sleep(200);
    expect(received.length).toBe(2);
    expect(new URL(page.url()).pathname).toBe("/form");
    expect(live.problems).toEqual([]);
  });
});

describe("focus and blur", () => {
  test("fire on the element that has the handlers, with its value; not on an ancestor's handler", async () => {
    const page = await open("/focus");
    await page.click("#a");
    await vi.waitFor(() => expect(received.length).toBe(1), { timeout: 10_000 });
    await page.click("#b");
    await vi.waitFor(() => expect(received.length).toBe(2), { timeout: 10_000 });
    await sleep(200);
    expect(received.map((r) => [r.type, r.value])).toEqual([["focus", "A"], ["blur", "A"]]);
    expect(live.problems).toEqual([]);
  });
});

describe("user input wins over a stale server echo (invariant 5)", () => {
  test("a controlled input with a slow echo is never set back to an older value while the user types", async () => {
    // The values the server's patches set on the field, as they arrive.
    const echoed: string[] = [];
    const page = await open("/echo", (page) => recordValueOps(page, echoed));
    const text = "hello world";
    await page.click("#c");
    // Typing happens in the page (insertText at the caret, 40 ms apart), so it goes on while the
    // server is busy; every value the field shows is recorded, each frame and each input event.
    const seen = await page.evaluate(async (text) => {
      const input = document.querySelector<HTMLInputElement>("#c")!;
      const seen: string[] = [""];
      const note = () => {
        if (seen[seen.length - 1] !== input.value) seen.push(input.value);
      };
      input.addEventListener("input", note);
      let watching = true;
      const frame = () => {
        note();
        if (watching) requestAnimationFrame(frame);
      };
      frame();
      for (const c of text) {
        document.execCommand("insertText", false, c);
        await new Promise((r) => setTimeout(r, 40));
      }
      // Until the last echo has come back.
      while (document.querySelector("#echo")!.textContent !== text) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 50));
      watching = false;
      note();
      return seen;
    }, text);
    expect(values()).toEqual(Array.from(text, (_, i) => text.slice(0, i + 1)));
    // Each event told the server what the field shows, and each render set just that: no value
    // was sent at all (controlled inputs, src/diff/controlled.ts; stale echoes: the next test)...
    expect(echoed).toEqual([]);
    // ...and the field only ever grew, one typed character at a time.
    expect(seen).toEqual(["", ...Array.from(text, (_, i) => text.slice(0, i + 1))]);
    expect(await page.evaluate(() => document.activeElement === document.querySelector("#c"))).toBe(true);
    expect(live.problems).toEqual([]);
  });

  test("a server-side clear after submit does clear the focused field", async () => {
    const page = await open("/clear");
    await page.click("#msg");
    await page.keyboard.type("first message");
    await afterAnswer(page, () => page.keyboard.press("Enter"));
    await page.waitForFunction(() => document.querySelector("#sent li")?.textContent === "first message", null, { timeout: 10_000 });
    let state = await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>("#msg")!;
      return { value: input.value, focused: document.activeElement === input };
    });
    expect(state).toEqual({ value: "", focused: true });

    // And the field goes on working: type again, submit again.
    await page.keyboard.type("second");
    await afterAnswer(page, () => page.keyboard.press("Enter"));
    await page.waitForFunction(() => document.querySelectorAll("#sent li").length === 2, null, { timeout: 10_000 });
    state = await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>("#msg")!;
      return { value: input.value, focused: document.activeElement === input };
    });
    expect(state).toEqual({ value: "", focused: true });
    expect(await page.$$eval("#sent li", (lis) => lis.map((li) => li.textContent))).toEqual(["first message", "second"]);
    expect(received.map((r) => r.form)).toEqual([{ msg: "first message" }, { msg: "second" }]);
    expect(live.problems).toEqual([]);
  });
});

describe("regressions", () => {
  test("an async handler's late echoes never rewind what the user is typing", async () => {
    // The values the server's patches set on the field: each handler sets the value it saw 300 ms
    // ago, older than what the page has told the server since, so these are stale echoes.
    const echoed: string[] = [];
    const page = await open("/async-echo", (page) => recordValueOps(page, echoed));
    await page.click("#q");
    await typeInPage(page, "hello world", 60);
    await sleep(1000); // every echo has arrived
    expect(echoed.filter((v) => v !== "hello world").length).toBeGreaterThan(0);
    expect(await page.inputValue("#q")).toBe("hello world");
    expect(live.problems).toEqual([]);
  });

  test("throttled sends stay a window apart, also after a send at the end of a window", async () => {
    const page = await open("/throttle", (p) =>
      p.addInitScript(() => {
        const sends: number[] = ((window as unknown as { __sends: number[] }).__sends = []);
        const send = WebSocket.prototype.send;
        WebSocket.prototype.send = function (data) {
          if (typeof data === "string" && data.includes('"t":"input"')) sends.push(performance.now());
          return send.call(this, data);
        };
      }),
    );
    await page.click("#q");
    // Keystrokes at 0, 100 and 350 ms through a 300 ms throttle: sends at about 0, 300 and 600.
    await page.evaluate(async () => {
      const at = (ms: number) => new Promise((r) => setTimeout(r, ms));
      document.execCommand("insertText", false, "a");
      await at(100);
      document.execCommand("insertText", false, "b");
      await at(250);
      document.execCommand("insertText", false, "c");
    });
    await vi.waitFor(() => expect(received.length).toBe(3), { timeout: 10_000 });
    const sends = await page.evaluate(() => (window as unknown as { __sends: number[] }).__sends);
    expect(sends).toHaveLength(3);
    // The page's own clock: the throttle guarantees the spacing, whatever the machine's load.
    expect(sends[1] - sends[0]).toBeGreaterThanOrEqual(295);
    expect(sends[2] - sends[1]).toBeGreaterThanOrEqual(295);
    expect(values()).toEqual(["a", "ab", "abc"]);
  });
});
