import { runInContext } from "node:vm";
import type { Window } from "happy-dom";
import { loadAsset } from "../server/assets.js";
import type { EventWindow } from "./actions.js";
import type { FakeClock } from "./fake-clock.js";
import type { PageHost } from "./page-mock.js";
import { PAGE_ORIGIN } from "./request.js";

/**
 * Tether's page scripts a view runs when its page names them, each from its development build
 * (with its warnings): the runtime, the builder of lists' rows, live navigation. The others
 * are played by the test (uploads: `view.upload`) or not run (hooks, islands, linked windows).
 */
const RUN = new Set(["tether", "tether-lists", "tether-nav"]);

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
 * Tether's scripts (RUN) running in it in the order a browser runs them, deferred ones last. The
 * page's own scripts do not run: what a page does is mocked in a test (`view.page`). `WebSocket` is the
 * in-process one; `load(url)` is called when the page asks for another document (a link
 * followed, `location.assign`), which the view then loads in a window of its own.
 */
export async function openPageWindow(path: string, html: string, webSocket: unknown, clock: FakeClock | null, load: (url: string) => void, failed?: (error: Error) => void): Promise<PageWindow> {
  const { Window } = await loadHappyDom();
  const window = new Window({
    url: PAGE_ORIGIN + path,
    console: failed === undefined ? console : pageConsole(failed),
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
  const scripts = tetherScripts(window);
  for (const file of [...scripts.now, ...scripts.deferred]) {
    const script = loadAsset(file);
    if (script === null) throw new Error(`tether-live/test: the browser runtime (dist/${file}) is not built: run \`npm run build\``);
    runInContext(script.body.toString("utf8"), window as unknown as object, { filename: file });
  }
  return window;
}

/** The development builds of the RUN scripts the page names under its Tether base path, in document order. */
function tetherScripts(window: PageWindow): { now: string[]; deferred: string[] } {
  const document = window.document;
  const base = (document.querySelector("[data-tether-root]") as unknown as HTMLElement | null)?.dataset.tetherBase ?? "/_tether";
  const found = { now: [] as string[], deferred: [] as string[] };
  for (const script of document.querySelectorAll("script[src]")) {
    const src = script.getAttribute("src")!;
    const name = src.startsWith(`${base}/`) ? src.slice(base.length + 1).replace(/(\.dev)?\.js$/, "") : "";
    if (RUN.has(name)) found[script.hasAttribute("defer") ? "deferred" : "now"].push(`${name}.dev.js`);
  }
  return found;
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

// What the runtime logs when a patch does not apply to the page (runtime/runtime.ts) before it
// asks for the whole page again.
const PATCH_FAILED = "[tether] could not apply a patch";

/**
 * The page's console: the test's, except that a patch the runtime could not apply fails the
 * view. A browser would get the whole page again and go on; a test must not pass over what
 * would be a bug of the diff or of the page's script.
 */
function pageConsole(failed: (error: Error) => void): Console {
  const page = Object.create(console) as Console;
  page.error = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith(PATCH_FAILED)) {
      failed(new Error(`the page could not apply a patch from the server (it would get the whole page again): ${String(args[1])}`, { cause: args[1] }));
    }
    console.error(...args);
  };
  return page;
}
