import { afterEach, describe, expect, it } from "vitest";
import { Component, h, html, type LiveEvent } from "../../src/index.js";
import { ErrorCodes, Msg, Op, type MountMessage, type PatchMessage, type ServerMessage } from "../../src/protocol/wire.js";
import { Counter } from "../../examples/counter.js";
import type { ProtocolClient } from "../support/client.js";
import { useSessionServer } from "../support/session-server.js";
import { answerTo, findId, getPage, mountText, resume, sleep, waitFor } from "../support/page.js";

// ---- Test components -------------------------------------------------------------------------

/** Handlers that change nothing: one does no work, one sets state that renders the same. */
class Quiet extends Component<Record<string, never>, { n: number }> {
  state = { n: 0 };
  nothing() {}
  same() {
    this.setState({ n: this.state.n });
  }
  render() {
    return html`<main><button id="nothing" onClick=${this.nothing}>a</button><button id="same" onClick=${this.same}>${this.state.n}</button></main>`;
  }
}

class Thrower extends Component<Record<string, never>, { n: number }> {
  state = { n: 0 };
  boom() {
    this.setState({ n: 100 }); // a change made before the throw is still rendered: state is state
    throw new Error("boom");
  }
  inc() {
    this.setState({ n: this.state.n + 1 });
  }
  render() {
    return html`<main><button id="boom" onClick=${this.boom}>!</button><button id="inc" onClick=${this.inc}>+</button><output id="n">${this.state.n}</output></main>`;
  }
}

/** Several setState calls per handler, and state set from timers outside any event. */
class Batching extends Component<Record<string, never>, { a: number; b: number }> {
  state = { a: 0, b: 0 };
  thrice() {
    for (let i = 0; i < 3; i++) this.setState((s) => ({ a: s.a + 1 }));
    this.setState((s) => ({ b: s.b + 10 }));
  }
  timers() {
    setTimeout(() => {
      this.setState({ a: 1 });
      this.setState({ b: 1 });
    }, 5);
    setTimeout(() => {
      this.setState({ a: 2 });
      this.setState({ b: 2 });
    }, 40);
  }
  render() {
    return html`<main>
      <button id="thrice" onClick=${this.thrice}>3</button><button id="timers" onClick=${this.timers}>t</button>
      <output id="a">${this.state.a}</output><output id="b">${this.state.b}</output>
    </main>`;
  }
}

class Loader extends Component<Record<string, never>, { items: string[] | null }> {
  state: { items: string[] | null } = { items: null };
  async mount() {
    await sleep(30);
    this.setState({ items: ["alpha", "beta"] });
  }
  render() {
    const { items } = this.state;
    if (items === null) return html`<p id="status">loading</p>`;
    return html`<ul id="items">${items.map((item) => html`<li>${item}</li>`)}</ul>`;
  }
}

/** A row whose async mount() settles a little later; rows are added by clicks. */
class SlowRow extends Component<{ n: number }, { ready: boolean }> {
  state = { ready: false };
  async mount() {
    await sleep(5);
    this.setState({ ready: true });
  }
  render() {
    return html`<li>${this.props.n}: ${this.state.ready ? "ready" : "…"}</li>`;
  }
}

class SlowRows extends Component<Record<string, never>, { n: number }> {
  state = { n: 0 };
  add() {
    this.setState({ n: this.state.n + 1 });
  }
  render() {
    const rows = Array.from({ length: this.state.n }, (_, i) => h(SlowRow, { key: i, n: i }));
    return html`<main><button id="add" onClick=${this.add}>+</button><ul>${rows}</ul></main>`;
  }
}

const unmounted: string[] = [];
class Tracked extends Component<Record<string, never>, Record<string, never>> {
  static counter = 0;
  readonly name = `tracked-${++Tracked.counter}`;
  unmount() {
    unmounted.push(this.name);
  }
  render() {
    return html`<p id="name">${this.name}</p>`;
  }
}

const seen: LiveEvent[] = [];
class Inputs extends Component<Record<string, never>, { saved: string }> {
  state = { saved: "" };
  pick(event: LiveEvent) {
    seen.push(event);
  }
  save(event: LiveEvent) {
    seen.push(event);
    this.setState({ saved: String(event.form?.name) });
  }
  render() {
    return html`<main>
      <button id="row" data-id=${7} data-row-label=${"seven"} data-active=${true} onClick=${this.pick} onKeyDown=${this.pick}>7</button>
      <form id="f" onSubmit=${this.save}><input name="name" /></form>
      <output id="saved">${this.state.saved}</output>
    </main>`;
  }
}

// ---- Harness ---------------------------------------------------------------------------------

const harness = useSessionServer({
  routes: { "/counter": Counter, "/quiet": Quiet, "/thrower": Thrower, "/batching": Batching, "/loader": Loader, "/tracked": Tracked, "/inputs": Inputs, "/slow-rows": SlowRows },
});
const { errors, start, open } = harness;

afterEach(() => {
  seen.length = 0;
  unmounted.length = 0;
});

const patchesOf = (c: ProtocolClient): PatchMessage[] => c.received.filter((m): m is PatchMessage => m.k === Msg.Patch);
const textId = (mount: MountMessage, domId: string): number => findId(mount, domId) + 1;

// ---- Tests -----------------------------------------------------------------------------------

describe("events on /counter", () => {
  it("answers a click with one Patch of exactly one SetText, acknowledging the event", async () => {
    await start();
    const { c, mount } = await open("/counter");
    const e = c.event(findId(mount, "inc"), "click");
    expect(await answerTo(c, e)).toEqual({ k: Msg.Patch, s: mount.s + 1, a: e, o: [[Op.SetText, textId(mount, "count"), "1"]] });
    await sleep(20);
    expect(c.received).toHaveLength(2);
  });

  it("applies a re-sent event once and answers it with a Reply", async () => {
    await start();
    const { c, mount } = await open("/counter");
    const click = (e: number) => c.send({ k: Msg.Event, e, n: findId(mount, "inc"), t: "click", d: {} });
    click(1);
    expect(await answerTo(c, 1)).toMatchObject({ k: Msg.Patch, o: [[Op.SetText, textId(mount, "count"), "1"]] });
    click(1);
    expect(await c.next()).toEqual({ k: Msg.Reply, a: 1 });
    click(2);
    expect(await answerTo(c, 2)).toEqual({ k: Msg.Patch, s: mount.s + 2, a: 2, o: [[Op.SetText, textId(mount, "count"), "2"]] });
    click(1); // older than the last applied: acknowledged with the latest, not applied
    expect(await c.next()).toEqual({ k: Msg.Reply, a: 2 });
    expect(patchesOf(c)).toHaveLength(2);
  });

  it("applies 100 clicks sent without waiting in order: count 100, consecutive Patch seqs", async () => {
    await start();
    const { c, mount } = await open("/counter");
    const inc = findId(mount, "inc");
    for (let i = 0; i < 100; i++) c.event(inc, "click");
    await waitFor(() => patchesOf(c).length === 100, 5000, "100 patches");
    const patches = patchesOf(c);
    expect(patches.map((p) => p.s)).toEqual(Array.from({ length: 100 }, (_, i) => mount.s + 1 + i));
    expect(patches.map((p) => p.a)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(patches.map((p) => p.o)).toEqual(Array.from({ length: 100 }, (_, i) => [[Op.SetText, textId(mount, "count"), String(i + 1)]]));
    // The next click goes on from 100.
    const e = c.event(inc, "click");
    expect(await answerTo(c, e)).toEqual({ k: Msg.Patch, s: mount.s + 101, a: 101, o: [[Op.SetText, textId(mount, "count"), "101"]] });
  });
});

describe("what a handler changes", () => {
  it("answers an event that changes nothing with a Reply and no Patch", async () => {
    await start();
    const { c, mount } = await open("/quiet");
    const e1 = c.event(findId(mount, "nothing"), "click");
    expect(await answerTo(c, e1)).toEqual({ k: Msg.Reply, a: e1 });
    // setState that renders the same tree: a render, but nothing to send.
    const e2 = c.event(findId(mount, "same"), "click");
    expect(await answerTo(c, e2)).toEqual({ k: Msg.Reply, a: e2 });
    await sleep(20);
    expect(patchesOf(c)).toEqual([]);
  });

  it("turns several setState calls in one handler into exactly one Patch", async () => {
    await start();
    const { c, mount } = await open("/batching");
    const e = c.event(findId(mount, "thrice"), "click");
    const patch = await answerTo(c, e);
    expect(patch).toMatchObject({ k: Msg.Patch, s: mount.s + 1, a: e });
    expect((patch as PatchMessage).o).toEqual(
      expect.arrayContaining([
        [Op.SetText, textId(mount, "a"), "3"],
        [Op.SetText, textId(mount, "b"), "10"],
      ]),
    );
    expect((patch as PatchMessage).o).toHaveLength(2);
    await sleep(30);
    expect(patchesOf(c)).toHaveLength(1);
  });

  it("keeps what timers changed while the tab was away, and replays it on resume", async () => {
    await start({ retention: 2000 });
    const { c, mount } = await open("/batching");
    const e = c.event(findId(mount, "timers"), "click");
    await answerTo(c, e);
    c.ws.terminate();
    await sleep(80); // both timers fire while no connection is attached
    const back = await harness.connect();
    expect(await resume(back, "/batching", mount, mount.s)).toMatchObject({ k: Msg.Resume, a: e });
    await waitFor(() => back.received.length === 3, 3000, "the two replayed patches");
    const [a, b] = [textId(mount, "a"), textId(mount, "b")];
    const replayed = back.received.slice(1) as PatchMessage[];
    expect(replayed.map((p) => p.s)).toEqual([mount.s + 1, mount.s + 2]);
    expect(replayed[0].o).toEqual(expect.arrayContaining([[Op.SetText, a, "1"], [Op.SetText, b, "1"]]));
    expect(replayed[1].o).toEqual(expect.arrayContaining([[Op.SetText, a, "2"], [Op.SetText, b, "2"]]));
  });

  it("sends one Patch per turn for setState from timers, with consecutive seqs", async () => {
    await start();
    const { c, mount } = await open("/batching");
    const e = c.event(findId(mount, "timers"), "click");
    expect(await answerTo(c, e)).toEqual({ k: Msg.Reply, a: e });
    await waitFor(() => patchesOf(c).length === 2, 3000, "two timer patches");
    await sleep(30);
    const patches = patchesOf(c);
    expect(patches.map((p) => p.s)).toEqual([mount.s + 1, mount.s + 2]);
    const [a, b] = [textId(mount, "a"), textId(mount, "b")];
    expect(patches[0].o).toEqual(expect.arrayContaining([[Op.SetText, a, "1"], [Op.SetText, b, "1"]]));
    expect(patches[0].o).toHaveLength(2);
    expect(patches[1].o).toEqual(expect.arrayContaining([[Op.SetText, a, "2"], [Op.SetText, b, "2"]]));
    expect(patches[1].o).toHaveLength(2);
  });
});

describe("a handler that throws", () => {
  it("answers handler_failed, reports through onError, and the session goes on", async () => {
    await start();
    const { c, mount } = await open("/thrower");
    const e = c.event(findId(mount, "boom"), "click");
    const error = await c.next((m) => m.k === Msg.Error);
    expect(error).toMatchObject({ k: Msg.Error, code: ErrorCodes.HandlerFailed, e });
    expect((error as { message: string }).message).toBe("the <Thrower> click handler on <button> failed: Error: boom");
    expect(errors).toHaveLength(1);
    expect((errors[0].error as Error).message).toBe("boom");
    expect(errors[0].where).toBe("<Thrower> click handler on <button>");

    const next = c.event(findId(mount, "inc"), "click");
    const patch = await answerTo(c, next);
    expect(patch.k).toBe(Msg.Patch);
    expect((patch as PatchMessage).o.at(-1)).toEqual([Op.SetText, textId(mount, "n"), "101"]);
    expect((await getPage(harness.server.url + "/thrower")).status).toBe(200);
  });

  it("keeps the error's details from the page outside development mode", async () => {
    await start({ dev: false });
    const { c, mount } = await open("/thrower");
    const e = c.event(findId(mount, "boom"), "click");
    const error = await c.next((m) => m.k === Msg.Error);
    expect(error).toEqual({ k: Msg.Error, code: ErrorCodes.HandlerFailed, e, a: e, message: "the <Thrower> click handler on <button> failed" });
    expect(errors).toHaveLength(1);
  });
});

describe("mount() and unmount()", () => {
  it("awaits an async mount() before the first paint", async () => {
    await start();
    const page = await getPage(harness.server.url + "/loader");
    expect(page.root).toBe('<ul id="items"><li>alpha</li><li>beta</li></ul>');
    const { c, mount } = await open("/loader", page.sid);
    expect(mount.sid).toBe(page.sid);
    expect(mountText(mount, "items")).toBe("");
    expect(JSON.stringify(mount.t)).toContain('"alpha"');
    expect(JSON.stringify(mount.t)).not.toContain("loading");
    await sleep(50);
    expect(c.received).toHaveLength(1); // nothing left to patch
  });

  it("awaits an async mount() for a session created at join, too", async () => {
    await start();
    const { mount } = await open("/loader");
    expect(JSON.stringify(mount.t)).toBe(JSON.stringify([["ul", { id: "items" }, ["li", 0, "alpha"], ["li", 0, "beta"]]]));
  });

  it("keeps no promise of an async mount() made after the first paint, and still renders what it changes", async () => {
    await start();
    const { c, mount } = await open("/slow-rows");
    const session = harness.server.tether.sessions.get(mount.sid)!;
    for (let e = 1; e <= 30; e++) {
      c.event(findId(mount, "add"), "click");
      await answerTo(c, e);
    }
    await waitFor(() => !session.toHtml().includes("…"), 3000, "every row's mount to settle and render");
    expect(session.toHtml().match(/ready/g)).toHaveLength(30);
    expect(session.tree.pendingMounts).toBeNull();
  });

  it("runs unmount() hooks when the server closes", async () => {
    await start();
    const { mount } = await open("/tracked");
    const page = await getPage(harness.server.url + "/tracked");
    const name = (await open("/tracked")).mount;
    expect(unmounted).toEqual([]);
    await harness.server.tether.close();
    expect(unmounted.sort()).toEqual([mountText(mount, "name"), mountText(name, "name"), page.root.replace(/<[^>]+>/g, "")].sort());
  });

  it("runs unmount() hooks when the retention window expires", async () => {
    await start({ retention: 40 });
    const { c, mount } = await open("/tracked");
    c.ws.terminate();
    await waitFor(() => unmounted.length === 1, 3000, "the unmount hook");
    expect(unmounted).toEqual([mountText(mount, "name")]);
    expect(harness.server.tether.sessions.has(mount.sid)).toBe(false);
  });
});

describe("what a handler receives", () => {
  it("gets the element's data-* props with their original types", async () => {
    await start();
    const { c, mount } = await open("/inputs");
    const e = c.event(findId(mount, "row"), "click");
    expect(await answerTo(c, e)).toEqual({ k: Msg.Reply, a: e });
    expect(seen).toHaveLength(1);
    expect(seen[0].type).toBe("click");
    expect(seen[0].data).toEqual({ id: 7, rowLabel: "seven", active: true });
    expect(typeof seen[0].data.id).toBe("number");
  });

  it("gets the key and modifier keys of a key event", async () => {
    await start();
    const { c, mount } = await open("/inputs");
    const e = c.event(findId(mount, "row"), "keydown", { key: "Enter", mods: 1 | 4 });
    await answerTo(c, e);
    expect(seen[0]).toMatchObject({ type: "keydown", key: "Enter", shiftKey: true, ctrlKey: false, altKey: true, metaKey: false });
  });

  it("gets a submit event's form fields as event.form", async () => {
    await start();
    const { c, mount } = await open("/inputs");
    const form = { name: "Ann <b>", tags: ["a", "b"] };
    const e = c.event(findId(mount, "f"), "submit", { form });
    const patch = (await answerTo(c, e)) as ServerMessage;
    expect(seen).toHaveLength(1);
    expect(seen[0].type).toBe("submit");
    expect({ ...seen[0].form }).toEqual(form);
    expect(patch).toEqual({ k: Msg.Patch, s: mount.s + 1, a: e, o: [[Op.SetText, textId(mount, "saved"), "Ann <b>"]] });
  });
});
