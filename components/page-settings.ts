import type { ComponentSession } from "../src/index.js";

/**
 * Sets the tab's title (`document.title`) from the server, after the page joined (call it in
 * `connected()` or a handler). A route's `title` is the title of the first paint; this changes
 * it live. It runs through `executeJs`, so not on a page served under the strict CSP (whose
 * pages allow no evaluated code): there, give the route its `title` instead.
 */
export function setPageTitle(session: ComponentSession, title: string): Promise<void> {
  return session.executeJs<void>("document.title = title", { args: { title } });
}
