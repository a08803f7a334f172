/**
 * A view on a fake clock: a debounced field sends when the clock has moved past its delay and
 * not before, a component's interval ticks once per advanced period, and everything the clock
 * replaced is put back when the view closes.
 */
import { afterEach, describe, expect, test } from "vitest";
import { Component, html, type LiveEvent } from "../../src/index.js";
import { FakeClock } from "../../src/testing/fake-clock.js";
import { cleanup, render } from "../../src/testing/index.js";

afterEach(cleanup);

class Search extends Component<{}, { query: string; sent: number }> {
  state = { query: "", sent: 0 };
  typed(event: LiveEvent) {
    this.setState({ query: String(event.value), sent: this.state.sent + 1 });
  }
  render() {
    return html`<input id="q" t-debounce="300" onInput=${this.typed} /><p id="query">${this.state.query}</p><p id="sent">${this.state.sent}</p>`;
  }
}

class Ticker extends Component<{}, { ticks: number; started: number }> {
  state = { ticks: 0, started: 0 };
  #timer: ReturnType<typeof setInterval> | undefined;
  mount() {
    this.setState({ started: Date.now() });
    this.#timer = setInterval(() => this.setState({ ticks: this.state.ticks + 1 }), 1000);
  }
  unmount() {
    clearInterval(this.#timer);
  }
  render() {
    return html`<p id="ticks">${this.state.ticks}</p><p id="elapsed">${this.state.started === 0 ? 0 : Date.now() - this.state.started}</p>`;
  }
}

describe("a fake clock", () => {
  test("a debounced field sends once the clock passed its delay, once, with the last text", async () => {
    const view = await render(Search, { clock: "fake" });
    await view.input("#q", "a");
    await view.input("#q", "ab");
    expect(view.get("#sent").text).toBe("0");
    await view.clock.advance(299);
    expect(view.get("#sent").text).toBe("0");
    await view.clock.advance(1);
    expect([view.get("#query").text, view.get("#sent").text]).toEqual(["ab", "1"]);
  });

  test("a component's interval ticks once per period advanced, and Date.now() moves with the clock", async () => {
    const started = performance.now();
    const view = await render(Ticker, { clock: "fake" });
    expect(view.get("#ticks").text).toBe("0");
    await view.clock.advance(3_500);
    expect(view.get("#ticks").text).toBe("3");
    await view.clock.advance(60_000);
    expect(view.get("#ticks").text).toBe("63");
    expect(view.get("#elapsed").text).toBe("63000");
    await view.close();
    // Put back: real timers run again, and a minute of the app's time took far less than that.
    expect(await new Promise((resolve) => setTimeout(() => resolve("real"), 1))).toBe("real");
    expect(performance.now() - started).toBeLessThan(60_000);
  });

  test("a view on real time has no clock to move", async () => {
    const view = await render(Search);
    expect(() => view.clock).toThrow(/clock: "fake"/);
  });
});

describe("FakeClock", () => {
  test("runs due timers in time order, intervals again each period; cleared ones never", async () => {
    const clock = new FakeClock(1_000);
    const window = { setTimeout, clearTimeout, setInterval, clearInterval, Date: { now: () => 0 }, performance: { now: () => 0 } };
    clock.installInWindow(window);
    const ran: string[] = [];
    window.setTimeout(() => ran.push("b@20"), 20);
    window.setTimeout(() => ran.push("a@10"), 10);
    const cleared = window.setTimeout(() => ran.push("never"), 15);
    window.clearTimeout(cleared);
    const every = window.setInterval(() => ran.push(`tick@${window.Date.now() - 1_000}`), 8);
    expect(await clock.advance(24)).toBe(5);
    expect(ran).toEqual(["tick@8", "a@10", "tick@16", "b@20", "tick@24"]);
    window.clearInterval(every);
    expect(clock.pending).toBe(0);
    expect(window.performance.now()).toBe(24);
    clock.uninstall();
    expect(window.setTimeout).toBe(setTimeout);
    expect(window.Date.now()).toBe(0);
  });
});
