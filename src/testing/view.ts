import { testClock, type FakeClock, type TestClock } from "./fake-clock.js";
import type { PatchOp } from "../protocol/wire.js";
import type { Tether } from "../server/tether.js";
import type { UploadEndpoint } from "../server/upload-endpoint.js";
import {
  assertClickWired, assertWired, blurElement, debouncers, dispatchMouse, fireChange, focusElement, hasPendingTimers, pressKey, selectOptions, setChecked, snippet, submitForm, typeInto,
} from "./actions.js";
import { assertAt, Documents } from "./navigation.js";
import type { Network } from "./network.js";
import { PageMock } from "./page-mock.js";
import type { PageWindow } from "./page-window.js";
import { byLabel, byRole, byText } from "./queries.js";
import { fakeRequest, type TestRequest } from "./request.js";
import { settle, waitFor } from "./settle.js";
import { PageUploads, type TestFile, type TestUploadOptions } from "./upload.js";
import { Traffic } from "./traffic.js";
import type { FieldValue, TextMatch } from "./values.js";
import { elementOf, ViewElement } from "./view-element.js";

/** An element to act on: a CSS selector, or an element a query found. */
export type Target = string | ViewElement;

/** The parts a view is made of (see render.ts). */
export interface ViewParts {
  tether: Tether;
  network: Network;
  /** The server's way in for uploads. */
  uploads: UploadEndpoint;
  /** The HTTP request each page GET and connection comes with. */
  request: TestRequest | undefined;
  looseJs: boolean;
  /** Milliseconds an action or settled() waits before failing. */
  settleTimeout: number;
  /** Called once the view has closed. */
  closed: (view: View) => void;
  /** The fake clock of a view made with `clock: "fake"`, else null. */
  clock: FakeClock | null;
}

/**
 * A rendered page, live: the server's session and the browser runtime in a window, talking
 * over the in-process network. Read it with queries, act on it as a user, play its page
 * scripts with `page`. Every action resolves once the view has settled: the events it caused
 * answered and their patches applied.
 */
export class View {
  /** The page's side: `executeJs` answers, exposed functions, calls and events of page scripts. */
  readonly page: PageMock;
  readonly #documents: Documents;
  readonly #uploads: PageUploads;
  readonly #tether: Tether;
  readonly #network: Network;
  readonly #onClose: (view: View) => void;
  /** Elements an action reached that can hold an event in a t-debounce or t-throttle window: the only ones settled() looks at. */
  readonly #debouncers = new Set<Element>();
  #failure: Error | null = null;
  #closed = false;
  readonly #settleTimeout: number;
  readonly #clock: FakeClock | null;

  /** @internal Made by `render`. */
  constructor(parts: ViewParts) {
    this.#settleTimeout = parts.settleTimeout;
    this.#clock = parts.clock;
    this.#tether = parts.tether;
    this.#network = parts.network;
    this.#onClose = parts.closed;
    const view = this;
    const fail = (error: Error) => this.#fail(error);
    const settled = () => this.settled();
    this.page = new PageMock({
      get tether() {
        return view.#page.tether!;
      },
      toPage: (value) => this.#page.JSON.parse(JSON.stringify(value)),
      settled,
      fail,
      looseJs: parts.looseJs,
    });
    this.tap = new Traffic(this.page, fail);
    const { tether, network, request, clock } = parts;
    this.#documents = new Documents({ tether, network, request, clock, traffic: this.tap, failed: fail });
    this.#uploads = new PageUploads({ endpoint: parts.uploads, request: (url) => fakeRequest("GET", url, request), settled, fail });
  }

  /** @internal What the network shows the view: the traffic, both ways. */
  readonly tap: Traffic;

  /** @internal Opens the view's first page: its GET must answer it. */
  open(path: string): Promise<void> {
    return this.#documents.open(path);
  }

  // ---- reading ----------------------------------------------------------------------------

  /** The page's connection: "connecting", "connected", "reconnecting", or "disconnected" (refused for good). */
  get status(): string {
    return this.#documents.window?.tether?.status ?? "connecting";
  }

  /** Where the page is: its path and query (`/users/2?tab=posts`), as live navigation and full loads moved it; a whole URL once it left for another site. */
  get path(): string {
    return this.#documents.path;
  }

  /** Fails unless the page is at `path` (path and query, as `view.path` reads), naming where it is. */
  assertNavigated(path: string): void {
    assertAt(this.path, path);
  }

  /** The live root's HTML: what the components rendered, as the page shows it now. */
  html(): string {
    return this.#root.innerHTML;
  }

  /** The element `selector` matches; fails if none does. */
  get(selector: string): ViewElement {
    const el = this.#document.querySelector(selector);
    if (el === null) throw new Error(`no element matches ${JSON.stringify(selector)} in:\n${this.html()}`);
    return new ViewElement(el, selector);
  }

  /** The element `selector` matches, or null. */
  query(selector: string): ViewElement | null {
    const el = this.#document.querySelector(selector);
    return el === null ? null : new ViewElement(el, selector);
  }

  /** Every element `selector` matches, in document order. */
  getAll(selector: string): ViewElement[] {
    return Array.from(this.#document.querySelectorAll(selector), (el, i) => new ViewElement(el, `${selector} [${i}]`));
  }

  /** The one element with this ARIA role (implicit or explicit), and this accessible name if given. */
  getByRole(role: string, options: { name?: TextMatch } = {}): ViewElement {
    const what = `role ${JSON.stringify(role)}${options.name === undefined ? "" : ` named ${String(typeof options.name === "string" ? JSON.stringify(options.name) : options.name)}`}`;
    return this.#one(byRole(this.#root, role, options.name), what);
  }

  /** The one form control with this label (`<label>`, `aria-label` or `aria-labelledby`). */
  getByLabel(text: TextMatch): ViewElement {
    return this.#one(byLabel(this.#root, text), `label ${typeof text === "string" ? JSON.stringify(text) : String(text)}`);
  }

  /** The one innermost element with this text. */
  getByText(text: TextMatch): ViewElement {
    return this.#one(byText(this.#root, text), `text ${typeof text === "string" ? JSON.stringify(text) : String(text)}`);
  }

  /** The ops of the patches since the last action began (decoded from the wire): what it cost. */
  lastPatch(): PatchOp[] {
    return this.tap.ops.slice();
  }

  // ---- acting -----------------------------------------------------------------------------

  /** A click: the element's click handler, a submit button's form, a checkbox's change. */
  click(target: Target): Promise<void> {
    return this.#act(target, (el, name) => {
      assertClickWired(el, this.#root, name);
      dispatchMouse(this.#page, el, "click");
    });
  }

  dblclick(target: Target): Promise<void> {
    return this.#act(target, (el, name) => {
      assertWired(el, ["dblclick"], this.#root, name);
      dispatchMouse(this.#page, el, "dblclick");
    });
  }

  /** Types `text` into a field (focused first): its value becomes `text`, then one input event. */
  input(target: Target, text: string): Promise<void> {
    return this.#act(target, (el, name) => {
      assertWired(el, ["input"], this.#root, name, true);
      focusElement(el);
      typeInto(this.#page, el, text);
    });
  }

  /** A change event, after setting the field's value to `value` if given. */
  change(target: Target, value?: string): Promise<void> {
    return this.#act(target, (el, name) => {
      assertWired(el, ["change"], this.#root, name, true);
      if (value !== undefined) (el as HTMLInputElement).value = value;
      fireChange(this.#page, el);
    });
  }

  /** Checks (or with `false` unchecks) a checkbox or radio button: input and change events if it changed. */
  check(target: Target, checked = true): Promise<void> {
    return this.#act(target, (el, name) => {
      assertWired(el, ["change", "input", "click"], this.#root, name, true);
      setChecked(this.#page, el, checked);
    });
  }

  /** Selects the options with these values (or labels) in a `<select>`: input and change events. */
  select(target: Target, values: string | readonly string[]): Promise<void> {
    return this.#act(target, (el, name) => {
      assertWired(el, ["change", "input"], this.#root, name, true);
      selectOptions(this.#page, el, typeof values === "string" ? [values] : values, name);
    });
  }

  /** Fills a form's fields by name (text, several values, or a checkbox's state), then submits it. */
  submit(target: Target, values: Record<string, FieldValue> = {}): Promise<void> {
    return this.#act(target, (el, name) => {
      const form = (el.localName === "form" ? el : el.closest("form")) as HTMLFormElement | null;
      if (form === null) throw new Error(`${name} is not a form, nor in one (${snippet(el)})`);
      assertWired(form, ["submit"], this.#root, name);
      submitForm(this.#page, form, values, name);
    });
  }

  /** A key pressed on the focused element (`keyDown("Enter")`) or on a target (`keyDown("#q", "Enter")`). */
  keyDown(targetOrKey: Target, key?: string): Promise<void> {
    const target = key === undefined ? null : targetOrKey;
    const pressed = key ?? (targetOrKey as string);
    return this.#act(target ?? this.#focused(), (el, name) => {
      assertWired(el, ["keydown"], this.#root, name);
      pressKey(this.#page, el, pressed);
    });
  }

  focus(target: Target): Promise<void> {
    return this.#act(target, (el, name) => {
      assertWired(el, ["focus"], this.#root, name);
      focusElement(el);
    });
  }

  /** Takes focus away: a `blur` handler runs, and a debounced event waiting on the field is sent now. */
  blur(target: Target): Promise<void> {
    return this.#act(target, (el, name) => {
      assertWired(el, ["blur", "input", "change"], this.#root, name);
      blurElement(el);
    });
  }

  /**
   * Chooses `files` in a file input (or drops them on a drop zone) of an upload, as a user does,
   * and sends them as the page's upload script does: described first, then in chunks, each
   * acknowledged once stored (see TestUploadOptions to step through them). Resolves once the
   * server has every file it accepted (an upload with `auto: false`: once they wait for `start()`).
   */
  upload(target: Target, files: readonly TestFile[], options: TestUploadOptions = {}): Promise<void> {
    return this.#act(target, (el, name) => this.#uploads.upload(el, name, files, options));
  }

  /**
   * Waits until the view is quiet: nothing on its way over the network, every event answered,
   * nothing waiting in a debounce, no mock still computing, and the page joined (unless the
   * network is down). Fails after `settleTimeout` (10 s by default), naming what it still waits for.
   */
  settled(): Promise<void> {
    return settle(() => this.#waitingFor(), () => (this.#throwFailure(), this.#closed), this.#settleTimeout);
  }

  /** Runs `check` (a query, an `expect`) each time the view settles until it passes, for what the server does on its own (see settle.ts); fails after `settleTimeout`. */
  waitFor<T>(check: () => T | Promise<T>): Promise<T> {
    return waitFor(check, () => this.settled(), this.#settleTimeout);
  }

  /** The browser's back button: live navigation shows the page before (its scroll restored), or the view loads it. */
  async back(): Promise<void> {
    this.#page.history.back();
    await this.settled();
  }

  async forward(): Promise<void> {
    this.#page.history.forward();
    await this.settled();
  }

  /** The view's fake clock; only for a view rendered with `clock: "fake"`. */
  get clock(): TestClock {
    if (this.#clock === null) throw new Error('view.clock: this view runs on real time; render it with { clock: "fake" }');
    return testClock(this.#clock, () => this.settled());
  }

  // ---- the network ------------------------------------------------------------------------

  /** Delays every message from now on by `ms` milliseconds, each way. */
  latency(ms: number): void {
    this.#network.latency = ms;
  }

  /** Drops the connection, as a dead network does: the page reconnects only after `reconnect()`. */
  disconnect(): void {
    this.#network.down();
  }

  /** The network is back: the page resumes its session (replaying what either side missed) and the view settles. */
  async reconnect(): Promise<void> {
    this.#network.up();
    await this.settled();
  }

  /**
   * The session expires while the tab is away (its retention ran out): the page comes back to
   * a fresh session, mounted anew, with what the user had typed into live fields sent again.
   */
  async expire(): Promise<void> {
    const session = this.#network.session;
    this.disconnect();
    session?.end("session expired");
    await this.reconnect();
  }

  /** Ends the view: its window, its connection, its server and every timer they started. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#onClose(this);
    this.#network.close();
    this.#uploads.close();
    // Real time again first: closing waits on timers of its own (a grace period, happy-dom's).
    this.#clock?.uninstall();
    await this.#tether.close();
    await this.#documents.close();
  }

  // ---- internals --------------------------------------------------------------------------

  get #page(): PageWindow {
    const window = this.#documents.window;
    if (window === null) throw new Error(this.#documents.whyNoWindow);
    return window;
  }

  /** The page's document, with the DOM's types (happy-dom's own differ in details the harness does not use). */
  get #document(): Document {
    return this.#page.document as unknown as Document;
  }

  get #root(): Element {
    const root = this.#document.querySelector("[data-tether-root]")
    if (root === null) throw new Error("the page has no live root ([data-tether-root])");
    return root;
  }

  #focused(): Element {
    const el = this.#document.activeElement;
    if (el === null || el === this.#document.body) throw new Error("keyDown(key): no element has focus; name one: keyDown(selector, key)");
    return el;
  }

  #one(found: Element[], what: string): ViewElement {
    if (found.length === 1) return new ViewElement(found[0], what);
    if (found.length === 0) throw new Error(`no element with ${what} in:\n${this.html()}`);
    throw new Error(`${found.length} elements with ${what}: ${found.map(snippet).join(", ")}`);
  }

  async #act(target: Target | Element, act: (el: Element, name: string) => void | Promise<void>): Promise<void> {
    this.#throwFailure();
    const name = typeof target === "string" ? target : target instanceof ViewElement ? target.description : `the focused ${snippet(target)}`;
    let el: Element | null;
    if (typeof target === "string") el = this.#document.querySelector(target);
    else el = target instanceof ViewElement ? (elementOf(target) as Element) : target;
    if (el === null) throw new Error(`no element matches ${JSON.stringify(target)} in:\n${this.html()}`);
    if (!el.isConnected) throw new Error(`${name} is no longer in the page (a patch removed it): query it again`);
    this.tap.ops = [];
    for (const debouncer of debouncers(el, this.#root)) this.#debouncers.add(debouncer);
    await act(el, name);
    await this.settled();
  }

  #waitingFor(): string[] {
    const waiting: string[] = [];
    const inFlight = this.#network.inFlight;
    if (inFlight > 0) waiting.push(`${inFlight} message(s) on their way`);
    // While the network is down no answer can come: the page sends its events again on resume.
    const unanswered = this.tap.unanswered;
    if (unanswered.size > 0 && !this.#network.isDown) waiting.push(`the server to answer event(s) ${[...unanswered].join(", ")}`);
    if (this.page.running > 0) waiting.push(`${this.page.running} page mock(s) to settle`);
    const loading = this.#documents.waitingFor;
    if (loading !== null) waiting.push(loading);
    waiting.push(...this.#uploads.waitingFor);
    const window = this.#documents.window;
    if (window === null) return waiting;
    // Under a fake clock a debounce waits for `clock.advance`, not for settled().
    if (this.#clock === null && hasPendingTimers(this.#debouncers)) waiting.push("an event waiting in a t-debounce or t-throttle");
    // A page without the runtime (an error page a full load brought) joins nothing.
    const status = window.tether?.status;
    if (status !== undefined && !this.#network.isDown && status !== "connected" && status !== "disconnected") waiting.push(`the page to join (it is ${status})`);
    return waiting;
  }

  #fail(error: Error): void {
    this.#failure ??= error;
  }

  #throwFailure(): void {
    const failure = this.#failure;
    if (failure === null) return;
    this.#failure = null;
    throw failure;
  }
}
