import { h } from "../template/h.js";
import type { ComponentType } from "../vnode/vnode.js";
import type { PubSubAdapter } from "../pubsub/index.js";
import type { TetherOptions } from "../server/options.js";
import type { RouteProps } from "../server/routes.js";
import { composeTether } from "../server/tether.js";
import { FakeClock } from "./fake-clock.js";
import { Network } from "./network.js";
import { loadHappyDom } from "./page-window.js";
import { fakeRequest, type TestRequest } from "./request.js";
import { View } from "./view.js";

/** How a view is made, whichever way it is rendered. */
export interface ViewOptions {
  /** The HTTP request the page and its connections come with: headers, cookies, address. */
  request?: TestRequest;
  /**
   * "strict" (default): an `executeJs` the test has not mocked (`view.page.onExecuteJs`) fails
   * it. "loose": it answers undefined.
   */
  js?: "strict" | "loose";
  /** Milliseconds each message takes, each way (see `view.latency`). Default 0. */
  latency?: number;
  /**
   * How long an action or `settled()` waits for the page to settle before it fails the test,
   * ms. Default 10,000: a big page in a DOM written in JavaScript takes a while on a busy machine.
   */
  settleTimeout?: number;
  /**
   * "fake": time moves only with `view.clock.advance(ms)`, in the page and on the server
   * (debounce, timeouts, heartbeats, the app's timers); Node's global timers are replaced while
   * the view is open. Default "real".
   */
  clock?: "real" | "fake";
}

/** Rendering one component: a route of its own is made for it. */
export interface RenderOptions<P> extends ViewOptions {
  /** The component's props. Default: a route's props (`params`, `query`, `path`). */
  props?: P;
  /** The page's URL, path and query. Default "/". */
  path?: string;
  /** What `this.session.context` is, as an `authorize` hook would have returned it. */
  context?: unknown;
  /** Topics and presence: give several views one `memoryAdapter()` and their sessions talk (each view's server has its own otherwise). */
  pubsub?: PubSubAdapter;
}

const open = new Set<View>();

/**
 * Renders a page and makes it live, as a browser would: the page GET (with its `authorize`
 * hooks), the browser runtime joining its session over an in-process connection that
 * carries the wire's own messages, and the runtime applying every patch to a DOM
 * (happy-dom). Resolves once the page has joined; fails if the page is refused.
 *
 * `render(Component, { props })` renders one component; `render("/users/7", app)` one page of
 * an app, `app` being what `createTether` and `serve` take.
 */
export function render<P>(component: ComponentType & ((props: P) => unknown) | (new (props: P) => unknown), options?: RenderOptions<P>): Promise<View>;
export function render(path: string, app: TetherOptions, options?: ViewOptions): Promise<View>;
export function render(what: ComponentType | string, second?: RenderOptions<unknown> | TetherOptions, third?: ViewOptions): Promise<View> {
  if (typeof what === "string") return openView(what, second as TetherOptions, third ?? {});
  const options = (second ?? {}) as RenderOptions<unknown>;
  const path = options.path ?? "/";
  const pathname = path.split("?")[0];
  const props = options.props;
  const page = (route: RouteProps) => h(what, (props ?? route) as Record<string, unknown>);
  const app: TetherOptions = { routes: { [pathname]: page }, dev: true, pubsub: options.pubsub };
  if (options.context !== undefined) {
    app.authorize = () => options.context;
    app.identify = () => "";
  }
  return openView(path, app, options);
}

/** Closes every view still open: for an `afterEach` hook, so no test leaves a session or a timer behind. */
export async function cleanup(): Promise<void> {
  const views = [...open];
  open.clear();
  await Promise.all(views.map((view) => view.close()));
}

async function openView(path: string, app: TetherOptions, options: ViewOptions): Promise<View> {
  // Before the server is made (its sweep is an interval of the clock's), after happy-dom is
  // loaded (its own work keeps the real timers it found).
  let clock: FakeClock | null = null;
  if (options.clock === "fake") {
    await loadHappyDom();
    clock = new FakeClock();
    clock.installInNode();
  }
  const { tether, host, uploads } = composeTether(app);
  let view: View | null = null;
  try {
    let current: View | null = null;
    const network = new Network(host, () => fakeRequest("GET", "/_tether/ws", options.request), {
      fromPage: (text) => current!.tap.fromPage(text),
      fromServer: (text) => current!.tap.fromServer(text),
      failed: (error) => current!.tap.failed(error),
    });
    network.latency = options.latency ?? 0;
    const settleTimeout = options.settleTimeout ?? 10_000;
    view = current = new View({ tether, network, uploads, request: options.request, clock, looseJs: options.js === "loose", settleTimeout, closed: (closed) => open.delete(closed) });
    open.add(view);
    await view.open(path);
    await view.settled();
    if (view.status !== "connected") throw new Error(`render: the page of ${path} could not join its session (${view.status})`);
    return view;
  } catch (error) {
    if (view !== null) await view.close();
    else {
      await tether.close();
      clock?.uninstall();
    }
    throw error;
  }
}
