/**
 * The view's network: latency, a dropped connection resumed through the real resume path
 * (what the page did meanwhile is applied once, what the server sent meanwhile is replayed),
 * and a session that expired while the tab was away.
 */
import { afterEach, describe, expect, test } from "vitest";
import { Component, html, type LiveEvent } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { Op } from "../../src/protocol/wire.js";
import { Counter } from "../../examples/counter.js";

afterEach(cleanup);

/** Counts clicks on the server, and can change on its own (a push, not an answer). */
class Tally extends Component<Record<string, never>, { clicks: number; pushed: number; name: string }> {
  state = { clicks: 0, pushed: 0, name: "" };
  static last: Tally | null = null;

  mount() {
    Tally.last = this;
  }

  push() {
    this.setState({ pushed: this.state.pushed + 1 });
  }

  render() {
    return html`
      <button id="click" onClick=${() => this.setState({ clicks: this.state.clicks + 1 })}>click</button>
      <input id="name" onInput=${(e: LiveEvent) => this.setState({ name: String(e.value) })} />
      <output id="clicks">${this.state.clicks}</output> <output id="pushed">${this.state.pushed}</output>
      <output id="session">${this.session.id}</output> <output id="typed">${this.state.name}</output>
    `;
  }
}

describe("latency", () => {
  test("an action waits for its answer; the element is marked loading until it comes", async () => {
    const view = await render(Counter, { latency: 30 });
    const clicked = view.click("#inc");
    expect(view.get("#inc").attr("aria-busy")).toBe("true");
    expect(view.get("#count").text).toBe("0");
    await clicked;
    expect(view.get("#inc").attr("aria-busy")).toBeNull();
    expect(view.get("#count").text).toBe("1");
    view.latency(0);
    await view.click("#inc");
    expect(view.get("#count").text).toBe("2");
  });
});

describe("disconnect and reconnect", () => {
  test("clicks made while away are sent on resume and applied once; the server's changes meanwhile are replayed", async () => {
    const view = await render(Tally);
    const id = view.get("#session").text;
    view.disconnect();
    await view.click("#click");
    await view.click("#click");
    Tally.last!.push();
    expect(view.get("#clicks").text).toBe("0");
    expect(view.get("#pushed").text).toBe("0");
    expect(view.status).toBe("reconnecting");
    await view.reconnect();
    expect(view.status).toBe("connected");
    expect(view.get("#clicks").text).toBe("2");
    expect(view.get("#pushed").text).toBe("1");
    expect(view.get("#session").text).toBe(id);
    // A resume replays the changes (no fresh mount): what the click while away caused is text set.
    expect(view.lastPatch().map((op) => op[0])).toEqual([Op.SetText, Op.SetText, Op.SetText]);
  });

  test("an event in flight when the network drops is sent again and applied once", async () => {
    const view = await render(Tally, { latency: 20 });
    const clicked = view.click("#click");
    view.disconnect();
    await clicked;
    await view.reconnect();
    expect(view.get("#clicks").text).toBe("1");
  });
});

describe("expire", () => {
  test("the page comes back to a fresh session, with what the user typed sent to it again", async () => {
    const view = await render(Tally);
    const id = view.get("#session").text;
    await view.input("#name", "ada");
    await view.click("#click");
    await view.expire();
    expect(view.get("#session").text).not.toBe(id);
    expect(view.get("#clicks").text).toBe("0");
    expect(view.get("#name").value).toBe("ada");
    expect(view.get("#typed").text).toBe("ada");
    await view.click("#click");
    expect(view.get("#clicks").text).toBe("1");
  });
});
