/**
 * App code that never ends must not stop a session, or the process (issue 15, item 5), over
 * real sockets: a component that sets state in its own render (LiveTree stops the loop after
 * MAX_RENDER_PASSES), an async handler that never settles (LiveSession gives up on it after
 * `handlerTimeout`, EventSequence's one timer), and an async `mount()` that never settles (the
 * page's GET, and a join's fresh session, are answered after `handlerTimeout`). Each is
 * reported, and the session, and every other session, keep answering.
 */
import { describe, expect, it } from "vitest";
import { Component, html } from "../../src/index.js";
import { ErrorCodes, Msg, Op, type MountMessage, type PatchMessage } from "../../src/protocol/wire.js";
import { MAX_RENDER_PASSES } from "../../src/diff/index.js";
import { Counter } from "../../examples/counter.js";
import { answerTo, findId, getPage, sleep, waitFor } from "../support/page.js";
import { useSessionServer } from "../support/session-server.js";

/** A counter that can be told to set state in its own render, for ever. */
class Restless extends Component<Record<string, never>, { n: number; looping: boolean }> {
  state = { n: 0, looping: false };
  loop() {
    this.setState({ looping: true });
  }
  inc() {
    this.setState({ n: this.state.n + 1, looping: false });
  }
  render() {
    if (this.state.looping) this.setState({ looping: true });
    return html`<main><button id="loop" onClick=${this.loop}>loop</button><button id="inc" onClick=${this.inc}>+</button><output id="n">${this.state.n}</output></main>`;
  }
}

/** A handler that never settles, beside one that does. */
class Stuck extends Component<Record<string, never>, { n: number }> {
  state = { n: 0 };
  never() {
    return new Promise<void>(() => {});
  }
  inc() {
    this.setState({ n: this.state.n + 1 });
  }
  render() {
    return html`<main><button id="never" onClick=${this.never}>…</button><button id="inc" onClick=${this.inc}>+</button><output id="n">${this.state.n}</output></main>`;
  }
}

/** A page whose async mount() never settles, with a counter that works meanwhile. */
class Hanging extends Component<Record<string, never>, { n: number }> {
  state = { n: 0 };
  mount() {
    return new Promise<void>(() => {});
  }
  inc() {
    this.setState({ n: this.state.n + 1 });
  }
  render() {
    return html`<main><p id="status">loading</p><button id="inc" onClick=${this.inc}>+</button><output id="n">${this.state.n}</output></main>`;
  }
}

const HANDLER_TIMEOUT = 300;

const harness = useSessionServer({ handlerTimeout: HANDLER_TIMEOUT, routes: { "/counter": Counter, "/restless": Restless, "/stuck": Stuck, "/hanging": Hanging } });
const { errors, start, open } = harness;

const textId = (mount: MountMessage, domId: string): number => findId(mount, domId) + 1;

/** A bystander's click on /counter is answered as usual. */
async function bystanderAnswers(): Promise<void> {
  const { c, mount } = await open("/counter");
  const e = c.event(findId(mount, "inc"), "click");
  expect(await answerTo(c, e, 2_000)).toMatchObject({ k: Msg.Patch, a: e, o: [[Op.SetText, textId(mount, "count"), "1"]] });
}

describe("a render loop", () => {
  it(`stops after ${MAX_RENDER_PASSES} passes, is reported naming the component, and the session and the others go on`, async () => {
    await start();
    const { c, mount } = await open("/restless");
    const loop = c.event(findId(mount, "loop"), "click");
    expect(await answerTo(c, loop, 2_000)).toMatchObject({ a: loop });
    expect(errors).toHaveLength(1);
    expect(errors[0].where).toBe("rendering <Restless>");
    expect((errors[0].error as Error).message).toMatch(/^<Restless> kept re-rendering .* stopped after 100 passes$/);

    const inc = c.event(findId(mount, "inc"), "click");
    expect(await answerTo(c, inc)).toMatchObject({ k: Msg.Patch, a: inc, o: [[Op.SetText, textId(mount, "n"), "1"]] });
    await bystanderAnswers();
    expect(errors).toHaveLength(1);
  });

  it("in the first render of a page: the GET is answered, with the error reported", async () => {
    class LoopsAtOnce extends Restless {
      state = { n: 0, looping: true };
    }
    await start({ routes: { "/at-once": LoopsAtOnce, "/counter": Counter } });
    const page = await getPage(harness.server.url + "/at-once");
    expect(page.status).toBe(200);
    expect(page.root).toContain('<output id="n">0</output>');
    expect(errors.map((e) => e.where)).toEqual(["rendering <LoopsAtOnce>"]);
    await bystanderAnswers();
  });
});

describe("an async handler that never settles", () => {
  it("is given up on after handlerTimeout: reported, answered with handler_timeout, and the events after it are answered", async () => {
    await start();
    const { c, mount } = await open("/stuck");
    const stuck = c.event(findId(mount, "never"), "click");
    const inc = c.event(findId(mount, "inc"), "click");
    // The click after it is applied at once; its answer waits for the one before (invariant 4).
    const patch = (await c.next((m) => m.k === Msg.Patch)) as PatchMessage;
    expect(patch.o).toEqual([[Op.SetText, textId(mount, "n"), "1"]]);
    expect(patch.a).toBe(0);

    const timedOut = await c.next((m) => m.k === Msg.Error, HANDLER_TIMEOUT * 5);
    expect(timedOut).toEqual({
      k: Msg.Error,
      code: ErrorCodes.HandlerTimeout,
      e: stuck,
      a: inc, // both are answered now: the page clears their loading marks
      message: `the <Stuck> click handler on <button> did not settle within ${HANDLER_TIMEOUT} ms; later events are answered meanwhile`,
    });
    expect(errors.map((e) => e.where)).toEqual(["<Stuck> click handler on <button>"]);

    const next = c.event(findId(mount, "inc"), "click");
    expect(await answerTo(c, next)).toMatchObject({ k: Msg.Patch, a: next, o: [[Op.SetText, textId(mount, "n"), "2"]] });
    await bystanderAnswers();
  });

  it("several at once are each given up on, in order, by one timer", async () => {
    await start();
    const { c, mount } = await open("/stuck");
    const never = findId(mount, "never");
    const sent = [c.event(never, "click"), c.event(never, "click"), c.event(never, "click")];
    await waitFor(() => c.received.filter((m) => m.k === Msg.Error).length === 3, HANDLER_TIMEOUT * 5, "three handler_timeout errors");
    expect(c.received.filter((m) => m.k === Msg.Error).map((m) => [(m as { e: number }).e, (m as { a: number }).a])).toEqual(sent.map((e) => [e, e]));
    expect(errors).toHaveLength(3);
  });
});

describe("an async mount() that never settles", () => {
  it("holds the page's GET only until handlerTimeout, which answers with what rendered; the session joins, works, and expires unjoined", async () => {
    await start({ joinTimeout: 400 });
    const t0 = performance.now();
    const page = await getPage(harness.server.url + "/hanging");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(HANDLER_TIMEOUT - 5);
    expect(page.status).toBe(200);
    expect(page.root).toContain('<p id="status">loading</p>');
    expect(errors.map((e) => e.where)).toEqual(["the first paint of /hanging"]);
    expect((errors[0].error as Error).message).toBe(`a mount() did not settle within ${HANDLER_TIMEOUT} ms; the page is shown as it rendered so far`);

    const { c, mount } = await open("/hanging", page.sid);
    expect(mount.sid).toBe(page.sid);
    const e = c.event(findId(mount, "inc"), "click");
    expect(await answerTo(c, e)).toMatchObject({ k: Msg.Patch, a: e, o: [[Op.SetText, textId(mount, "n"), "1"]] });

    // A page nobody joins is not kept: its session ends after joinTimeout, as any other.
    const unjoined = await getPage(harness.server.url + "/hanging");
    expect(harness.server.tether.sessions.has(unjoined.sid)).toBe(true);
    await waitFor(() => !harness.server.tether.sessions.has(unjoined.sid), 2_000, "the unjoined session to expire");
  });

  it("holds a join that makes a fresh session only until handlerTimeout too", async () => {
    await start();
    const { c, mount } = await open("/hanging");
    expect(JSON.stringify(mount.t)).toContain("loading");
    const e = c.event(findId(mount, "inc"), "click");
    expect(await answerTo(c, e)).toMatchObject({ k: Msg.Patch, a: e });
    await bystanderAnswers();
    await sleep(10);
    expect(errors.map((e) => e.where)).toEqual(["the first paint of /hanging"]);
  });
});
