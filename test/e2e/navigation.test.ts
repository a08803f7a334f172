/**
 * End to end: live navigation in Chromium. The gallery's Profile pages (the fixed contract:
 * `/profile` lists people as links `a[href^="/profile/"]`, a person's page shows
 * `#person-name`, moving between them is live navigation) and pages of this file's own under
 * /nav-test: a list that grows, an item page that counts its renders and navigates from the
 * server, a guarded page. "No new document" is a mark set on `window` that survives; "no new
 * connection" is the count of WebSockets the page opened.
 */
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { Component, html, redirect, serve, type RouteProps } from "../../src/index.js";
import { galleryOptions } from "../../examples/gallery.js";
import { useBrowserSuite } from "../support/browser-suite.js";
import { waitUntil } from "../support/live-page.js";

/** The list's length, in memory: it stays grown when the list is shown again. */
let listLength = 5;

class GrowingList extends Component<RouteProps> {
  more() {
    listLength += 195;
    this.setState({});
  }
  render() {
    const items = Array.from({ length: listLength }, (_, i) => i + 1);
    return html`<main t-nav>
      <h1 id="list-title">List</h1>
      <button id="more" onClick=${this.more}>More</button>
      <ol id="items">${items.map((n) => html`<li key=${n} style="height: 40px"><a id=${`item-${n}`} href=${`/nav-test/item/${n}`}>Item ${n}</a></li>`)}</ol>
    </main>`;
  }
}

class ItemPage extends Component<RouteProps> {
  renders = 0;
  goOn() {
    void this.session.navigate(`/nav-test/item/${Number(this.props.params.id) + 10}`);
  }
  render() {
    this.renders++;
    const n = Number(this.props.params.id);
    return html`<main t-nav>
      <h1 id="item-title">Item ${n}</h1>
      <output id="renders">${this.renders}</output>
      <a id="next" href=${`/nav-test/item/${n + 1}`}>Next</a>
      <a id="secret" href="/nav-test/secret">Secret</a>
      <a id="nowhere" href="/nav-test/nowhere">Nowhere</a>
      <a id="to-comments" href=${`/nav-test/item/${n + 1}#comments`}>Comments of the next</a>
      <button id="server-go" onClick=${this.goOn}>Ten on</button>
      <div style="height: 3000px"></div>
      <h2 id="comments">Comments</h2>
      <div style="height: 600px"></div>
    </main>`;
  }
}

const Login = () => html`<main><h1 id="login">Log in</h1></main>`;

const gallery = galleryOptions();
const suite = useBrowserSuite(() =>
  serve({
    port: 0,
    host: "127.0.0.1",
    dev: true,
    ...gallery,
    routes: {
      ...gallery.routes,
      "/nav-test/list": { component: GrowingList, title: "List" },
      "/nav-test/item/:id": { component: ItemPage, title: "Item" },
      "/nav-test/secret": { component: Login, authorize: (request) => (request.cookies.member === "yes" ? undefined : redirect("/nav-test/login")) },
      "/nav-test/login": { component: Login, title: "Log in" },
    },
  }),
);

/** Opens `path`, marks its document and counts its WebSockets from before the load. */
async function openMarked(path: string): Promise<{ page: Page; sockets: string[]; documents: string[]; problems: string[] }> {
  const sockets: string[] = [];
  const documents: string[] = [];
  const { page, problems } = await suite.open(path, {
    beforeLoad: (p) => {
      p.on("websocket", (ws) => sockets.push(ws.url()));
      p.on("request", (r) => r.resourceType() === "document" && documents.push(r.url()));
    },
  });
  // The navigation script is deferred: wait until it has subscribed (its listener is what a click needs).
  await page.waitForFunction(() => document.readyState === "complete");
  await page.evaluate(() => ((window as unknown as { navMark: string }).navMark = "same document"));
  return { page, sockets, documents, problems };
}

const markOf = (page: Page) => page.evaluate(() => (window as unknown as { navMark?: string }).navMark ?? null);
const textIs = (page: Page, selector: string, text: string) => waitUntil(page, ([s, t]) => document.querySelector(s)?.textContent === t, [selector, text] as const);

describe("live navigation in the page", () => {
  test("Profile: a link shows the person's page in the same document and connection; the back link and the history too", async () => {
    const { page, sockets, documents, problems } = await openMarked("/profile");
    const link = page.locator('a[href^="/profile/"]').nth(1);
    const name = await link.textContent();
    await link.click();
    await textIs(page, "#person-name", name!);
    // The URL follows the patch that shows the page (tether:navigated comes after it, runtime/navigation.ts).
    await waitUntil(page, () => location.pathname === "/profile/2", null);
    expect(new URL(page.url()).pathname).toBe("/profile/2");
    expect(await page.title()).toBe("Person · Profile · Tether");
    await page.click("#next");
    await waitUntil(page, () => location.pathname === "/profile/3", null);
    await page.click("#back");
    // Not a link to a person: the person's page has those too (#previous, #next), so it would match before the list shows.
    await waitUntil(page, () => location.pathname === "/profile" && document.querySelector("#person-name") === null, null);
    expect(await page.title()).toBe("Profile · Tether");
    await page.goBack();
    await waitUntil(page, () => location.pathname === "/profile/3" && document.querySelector("#person-name") !== null, null);
    await page.goBack();
    await textIs(page, "#person-name", name!);
    expect(await markOf(page)).toBe("same document");
    expect(sockets).toHaveLength(1);
    expect(documents).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  test("Profile: on a person's page reached by live navigation, a chosen avatar uploads and shows, in the same document", async () => {
    const { page, documents, problems } = await openMarked("/profile");
    await page.locator('a[href="/profile/4"]').click();
    await page.waitForSelector("#person-name");
    // A 1×1 PNG.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
    await page.setInputFiles('input[type=file][name="avatar"]', { name: "me.png", mimeType: "image/png", buffer: png });
    await waitUntil(page, () => document.querySelector<HTMLImageElement>("#avatar")?.src.startsWith("data:image/png;base64,") === true, null);
    expect(await page.getAttribute("#avatar", "src")).toBe(`data:image/png;base64,${png.toString("base64")}`);
    expect(await page.textContent("#saved")).toBe("Avatar saved.");
    expect(await markOf(page)).toBe("same document");
    expect(documents).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  test("the same route with new params renders once (one patch) and keeps the component", async () => {
    const frames: string[] = [];
    const { page, problems } = await openMarked("/nav-test/item/1");
    await textIs(page, "#renders", "1");
    // The socket is open already: its frames from now on are read through the DevTools protocol.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    cdp.on("Network.webSocketFrameReceived", (e: { response: { payloadData: string } }) => frames.push(e.response.payloadData));
    await page.click("#next");
    await textIs(page, "#item-title", "Item 2");
    await waitUntil(page, () => location.pathname === "/nav-test/item/2", null);
    // The component stayed (its own render count went on) and rendered once.
    expect(await page.textContent("#renders")).toBe("2");
    expect(frames.filter((f) => f.startsWith('{"k":21')).length).toBe(1);
    expect(problems).toEqual([]);
  });

  test("from the server: a handler's session.navigate moves the page and its URL", async () => {
    const { page, sockets } = await openMarked("/nav-test/item/1");
    await page.click("#server-go");
    await textIs(page, "#item-title", "Item 11");
    await waitUntil(page, () => location.pathname === "/nav-test/item/11", null);
    expect(await page.title()).toBe("Item");
    expect(await markOf(page)).toBe("same document");
    expect(sockets).toHaveLength(1);
  });

  test("scroll: top on a new page, the anchor when the URL has one, and back where it was on back/forward, after the list grew", async () => {
    const { page, problems } = await openMarked("/nav-test/list");
    await page.click("#more");
    await page.waitForSelector("#item-150");
    await page.locator("#item-150").scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 123));
    const listScroll = await page.evaluate(() => window.scrollY);
    expect(listScroll).toBeGreaterThan(3000);
    await page.click("#item-150");
    await textIs(page, "#item-title", "Item 150");
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.click("#to-comments");
    await textIs(page, "#item-title", "Item 151");
    await waitUntil(page, () => location.hash === "#comments" && window.scrollY > 2000, null);
    await page.goBack();
    await textIs(page, "#item-title", "Item 150");
    await waitUntil(page, () => window.scrollY === 0, null);
    await page.goBack();
    await page.waitForSelector("#item-200");
    await waitUntil(page, (y) => Math.abs(window.scrollY - y) <= 1, listScroll);
    await page.goForward();
    await textIs(page, "#item-title", "Item 150");
    await waitUntil(page, () => window.scrollY === 0, null);
    expect(await markOf(page)).toBe("same document");
    expect(problems).toEqual([]);
  });

  test("only a plain click on a link of this origin inside t-nav is live: modifier keys, target, download, other origins, the page's anchors and other links are the browser's", async () => {
    const { page } = await openMarked("/nav-test/item/1");
    const intercepted = await page.evaluate(() => {
      const box = document.createElement("div");
      box.setAttribute("t-nav", "");
      box.innerHTML = `<a id="plain" href="/nav-test/item/2"></a><a id="blank" target="_blank" href="/nav-test/item/2"></a>
        <a id="download" download href="/nav-test/item/2"></a><a id="away" href="https://example.com/x"></a><a id="anchor" href="#comments"></a>`;
      const outside = document.createElement("a");
      outside.id = "outside";
      outside.href = "/nav-test/item/2";
      document.body.append(box, outside);
      // Seen after the navigation script's listener (window is after document); stops the browser's own navigation.
      let prevented = false;
      addEventListener("click", (e) => {
        prevented = e.defaultPrevented;
        e.preventDefault();
      });
      const click = (id: string, init: MouseEventInit = {}) => {
        document.getElementById(id)!.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, ...init }));
        return prevented;
      };
      return {
        ctrl: click("plain", { ctrlKey: true }), meta: click("plain", { metaKey: true }), shift: click("plain", { shiftKey: true }), alt: click("plain", { altKey: true }),
        middle: click("plain", { button: 1 }), blank: click("blank"), download: click("download"), away: click("away"), anchor: click("anchor"), outside: click("outside"),
        plain: click("plain"),
      };
    });
    expect(intercepted).toEqual({ ctrl: false, meta: false, shift: false, alt: false, middle: false, blank: false, download: false, away: false, anchor: false, outside: false, plain: true });
    await textIs(page, "#item-title", "Item 2");
  });

  test("a reload is back where the page was, as without the script", async () => {
    const { page } = await openMarked("/nav-test/item/1");
    await page.evaluate(() => window.scrollTo(0, 1500));
    await waitUntil(page, () => (history.state as { tetherScroll?: number[] } | null)?.tetherScroll?.[1] === 1500, null);
    await page.reload();
    await page.waitForSelector("html.tether-connected", { state: "attached" });
    await waitUntil(page, () => window.scrollY === 1500, null);
  });

  test("an unknown path shows the not-found page live", async () => {
    const { page } = await openMarked("/nav-test/item/1");
    await page.click("#nowhere");
    await page.waitForSelector("text=Page not found");
    expect(new URL(page.url()).pathname).toBe("/nav-test/nowhere");
    expect(await page.title()).toBe("Not found");
    expect(await markOf(page)).toBe("same document");
  });

  test("a guard that refuses redirects with a full load", async () => {
    const { page } = await openMarked("/nav-test/item/1");
    await page.click("#secret");
    await page.waitForURL("**/nav-test/login");
    await page.waitForSelector("#login");
    expect(await markOf(page)).toBe(null); // a new document
  });
});
