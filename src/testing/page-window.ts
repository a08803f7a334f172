import { runInContext } from "node:vm";
import type { Window } from "happy-dom";
import { loadAsset } from "../server/assets.js";
import type { FakeClock } from "./fake-clock.js";
import { PAGE_ORIGIN } from "./request.js";

/** The development build of the runtime: what a page of a `dev` server loads, with its warnings. */
const RUNTIME_FILE = "tether.dev.js";

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

/**
 * A browser window for one view: the page's HTML as the server answered it, with the browser
 * runtime (the same script a browser loads) running in it. The page's own scripts do not run:
 * what a page does is mocked in a test (`view.page`). `WebSocket` is the in-process one.
 */
export async function openPageWindow(path: string, html: string, webSocket: unknown, clock: FakeClock | null = null): Promise<Window> {
  const { Window } = await loadHappyDom();
  const runtime = loadAsset(RUNTIME_FILE);
  if (runtime === null) throw new Error(`tether-live/test: the browser runtime (dist/${RUNTIME_FILE}) is not built: run \`npm run build\``);
  const window = new Window({
    url: PAGE_ORIGIN + path,
    console,
    settings: {
      // The runtime is run below, in the window's context; nothing the page names is fetched.
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  window.document.write(html);
  (window as unknown as { WebSocket: unknown }).WebSocket = webSocket;
  clock?.installInWindow(window);
  // happy-dom's window is a VM context: the runtime's globals (document, location, WebSocket)
  // are this window's, so several views live side by side without touching node's globals.
  runInContext(runtime.body.toString("utf8"), window as unknown as object, { filename: RUNTIME_FILE });
  return window;
}
