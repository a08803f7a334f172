import { runInContext } from "node:vm";
import type { Window } from "happy-dom";
import { loadAsset } from "../server/assets.js";
import type { EventWindow } from "./actions.js";
import type { FakeClock } from "./fake-clock.js";
import type { PageHost } from "./page-mock.js";
import { PAGE_ORIGIN } from "./request.js";

/** The development builds of the runtime and of live navigation's script: what a page of a `dev` server loads, with its warnings. */
const RUNTIME_FILE = "tether.dev.js";
const NAVIGATION_FILE = "tether-nav.dev.js";

type HappyDom = typeof import("happy-dom");
let happyDom: Promise<HappyDom> | null = null;

/**
 * happy-dom, an optional peer dependency: only tests need it, so an app's install does not.
 * Chosen over linkedom because it dispatches events, moves focus and builds FormData from a
 * form, which the runtime's event delegation and form serialization rely on. It keeps the
 * global timers it finds when it loads, for its own work: a fake clock is installed after it.
 */
export function loadHappyDom(): Promise<HappyDom> {
  happyDom ??= import("happy-dom").catch((error: unknown) => {
    happyDom = null;
    throw new Error(`tether-live/test needs happy-dom, the DOM its views run in: npm install -D happy-dom (${(error as Error).message})`, { cause: error });
  });
  return happyDom;
}

/** The view's window as the harness uses it: happy-dom's, with the runtime's `tether`, the DOM's event classes and `history`. */
export type PageWindow = Window & { tether?: PageHost["tether"]; JSON: typeof JSON } & EventWindow;

/**
 * A browser window for one document of a view: the page's HTML as the server answered it, with
 * Tether's scripts running in it as a browser runs them: the runtime (the same script a browser
 * loads) on a Tether page, and live navigation's script when the page names it. The page's own
 * scripts do not run: what a page does is mocked in a test (`view.page`). `WebSocket` is the
 * in-process one; `load(url)` is called when the page asks for another document (a link
 * followed, `location.assign`), which the view then loads in a window of its own.
 */
export async function openPageWindow(path: string, html: string, webSocket: unknown, clock: FakeClock | null, load: (url: string) => void): Promise<PageWindow> {
  const { Window } = await loadHappyDom();
  const window = new Window({
    url: PAGE_ORIGIN + path,
    console,
    settings: {
      // Tether's scripts are run below, in the window's context; nothing the page names is fetched.
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  }) as unknown as PageWindow;
  window.document.write(html);
  (window as unknown as { WebSocket: unknown }).WebSocket = webSocket;
  clock?.installInWindow(window as unknown as Window);
  interceptLoads(window, load);
  // happy-dom's window is a VM context: the runtime's globals (document, location, WebSocket)
  // are this window's, so several views live side by side without touching node's globals.
  if (window.document.querySelector("[data-tether-root]") !== null) run(window, RUNTIME_FILE);
  if (window.document.querySelector('script[src*="/tether-nav."]') !== null) run(window, NAVIGATION_FILE);
  return window;
}

function run(window: PageWindow, file: string): void {
  const script = loadAsset(file);
  if (script === null) throw new Error(`tether-live/test: the browser runtime (dist/${file}) is not built: run \`npm run build\``);
  runInContext(script.body.toString("utf8"), window as unknown as object, { filename: file });
}

/**
 * Hands `load` every navigation that would load a document: `location.assign`, `replace` and
 * `href =`, and `window.open` into this window (what a followed link does). happy-dom, whose
 * navigation is off here, would only change the URL. A move to an anchor of the page shown
 * loads nothing, as in a browser: only the URL's hash changes.
 */
function interceptLoads(window: PageWindow, load: (url: string) => void): void {
  const location = window.location;
  const href = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(location), "href")!;
  const go = (url: unknown): void => {
    const to = new URL(String(url), location.href);
    if (to.hash !== "" && to.origin === location.origin && to.pathname === location.pathname && to.search === location.search) href.set!.call(location, to.href);
    else load(to.href);
  };
  Object.defineProperties(location, {
    assign: { value: go },
    replace: { value: go },
    reload: { value: () => load(location.href) },
    href: { get: () => href.get!.call(location) as string, set: go },
  });
  const open = window.open.bind(window);
  window.open = ((url?: string, target?: string, features?: string) => {
    if (url === undefined || url === "" || (target !== undefined && target !== "" && target !== "_self")) return open(url, target, features);
    go(url);
    return null;
  }) as typeof window.open;
}
