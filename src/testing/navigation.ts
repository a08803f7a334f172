import type { Tether } from "../server/tether.js";
import type { FakeClock } from "./fake-clock.js";
import type { Network } from "./network.js";
import { openPageWindow, type PageWindow } from "./page-window.js";
import { fakeRequest, fakeResponse, PAGE_ORIGIN, type Answer, type TestRequest } from "./request.js";
import type { Traffic } from "./traffic.js";

/** Redirects a full load follows before it gives up, as a browser does (Chromium: 20). */
const MAX_REDIRECTS = 20;

/** What a view's documents need: the server, the network its pages join over, and the view's side of the wire. */
export interface DocumentParts {
  tether: Tether;
  network: Network;
  request: TestRequest | undefined;
  clock: FakeClock | null;
  traffic: Traffic;
  /** A full load failed (its GET threw): the view's next action fails with it. */
  failed: (error: Error) => void;
}

/**
 * A view's documents, as a browser tab has them: the page the view was rendered on, then the
 * page each full load brings (a link followed without live navigation, `session.redirect`, a
 * navigation the server could not make live), each a GET of the server's own handler and a
 * window of its own. Live navigation happens inside one document (the runtime and
 * `tether-nav.js` running in it, over the real wire); only the URL and history move then.
 */
export class Documents {
  /** The window of the document shown; null while a full load fetches the next, or once the page left the app. */
  window: PageWindow | null = null;
  /** The URL a full load is fetching. */
  #loading: string | null = null;
  /** Where the page went when it left the app (another origin). */
  #left: string | null = null;
  #closed = false;
  readonly #parts: DocumentParts;

  constructor(parts: DocumentParts) {
    this.#parts = parts;
  }

  /** Where the page is: its path and query (`/users/2?tab=posts`), or the whole URL of another site it left for. */
  get path(): string {
    if (this.#left !== null) return this.#left;
    const url = this.window?.location ?? (this.#loading === null ? null : new URL(this.#loading));
    return url === null ? "" : url.pathname + url.search;
  }

  /** What settling waits for here: a full load under way. */
  get waitingFor(): string | null {
    return this.#loading === null ? null : `the page to load ${this.#loading}`;
  }

  /** Why there is no window to read, for the message of a query made meanwhile. */
  get whyNoWindow(): string {
    if (this.#left !== null) return `the page left the app for ${this.#left} (a full page load)`;
    return this.#loading === null ? "the view's page is not open yet" : `the page is loading ${this.#loading}: await view.settled()`;
  }

  /** The first page: the GET must answer it (200), as `render` promises; a redirect or a refusal fails the render. */
  async open(path: string): Promise<void> {
    const page = await get(this.#parts.tether, path, this.#parts.request);
    if (page === null) throw new Error(`render: no route of the app matches ${JSON.stringify(path)}`);
    if (page.status !== 200) {
      const location = page.headers.location;
      throw new Error(`render: GET ${path} was answered ${page.status}${location === undefined ? "" : ` (redirected to ${String(location)})`}: ${page.body}`);
    }
    await this.#show(path, page.body);
  }

  /**
   * The page asked for another document (`url`, absolute): it leaves this one (its connection
   * closes, as a browser closes it), and the next is fetched (following redirects) and shown,
   * or, on another origin, the view has no page any more.
   */
  load(url: string): void {
    if (this.#closed) return;
    this.#loading = url;
    this.#parts.network.leave();
    // What the left document sent will not be answered to it.
    this.#parts.traffic.unanswered.clear();
    const left = this.window;
    this.window = null;
    this.#next(left, new URL(url)).then(
      () => (this.#loading = null),
      (error: unknown) => {
        this.#loading = null;
        this.#parts.failed(error instanceof Error ? error : new Error(String(error)));
      },
    );
  }

  async close(): Promise<void> {
    this.#closed = true;
    const window = this.window;
    this.window = null;
    await window?.happyDOM.close();
  }

  async #next(left: PageWindow | null, target: URL): Promise<void> {
    // Not inside the page's own call (a script's location.assign): its window closes after it.
    await new Promise((resolve) => setImmediate(resolve));
    await left?.happyDOM.close();
    for (let redirects = 0; !this.#closed; redirects++) {
      if (target.origin !== PAGE_ORIGIN) {
        this.#left = target.href;
        return;
      }
      const path = target.pathname + target.search;
      const page = await get(this.#parts.tether, path, this.#parts.request);
      // A path the app does not serve is its server's (a 404 of `serve`'s fallback, say): nothing of Tether's to show.
      if (page === null) throw new Error(`a full load of ${path}: no route of the app serves it`);
      const location = page.headers.location;
      if (page.status >= 300 && page.status < 400 && location !== undefined) {
        if (redirects === MAX_REDIRECTS) throw new Error(`a full load of ${path}: more than ${MAX_REDIRECTS} redirects`);
        target = new URL(String(location), target);
        continue;
      }
      if (!this.#closed) await this.#show(path + target.hash, page.body);
      return;
    }
  }

  async #show(path: string, html: string): Promise<void> {
    const { network, clock, traffic } = this.#parts;
    const window = await openPageWindow(path, html, network.WebSocket, clock, (url) => this.load(url), this.#parts.failed);
    Object.defineProperty(window, "__tetherTest", { value: { exec: (id: number) => traffic.exec(id) } });
    this.#left = null;
    this.window = window;
  }
}

/** The server's answer to a GET of `path`, or null if no route of the app handles it. */
async function get(tether: Tether, path: string, request: TestRequest | undefined): Promise<Answer | null> {
  const { response, answer } = fakeResponse();
  const handled = await tether.handle(fakeRequest("GET", path, request), response);
  return handled ? answer : null;
}

/** Fails unless the view's page is at `expected` (path and query, or another site's URL), naming where it is. */
export function assertAt(actual: string, expected: string): void {
  if (actual !== expected) throw new Error(`assertNavigated(${JSON.stringify(expected)}): the page is at ${JSON.stringify(actual)}`);
}
