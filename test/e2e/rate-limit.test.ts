/**
 * End to end in headless Chromium, with the default rate limit (200 at once, 100 per second):
 * the rate limit never loses what a person does (issue 15, item 5). 1,000 clicks as fast as
 * a page can make them, and 300 clicks made while the network is down and sent when it comes
 * back (after a burst cut short, whose clicks the page sends again): every one is applied
 * exactly once, later rather than never, and the page never hears `rate_limited`. The server
 * reads the tab more slowly instead (TetherSocket.pauseReading; for long-poll, the POST's
 * answer waits).
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { Component, html, serve, type RunningServer } from "../../src/index.js";
import { sessionOf, textIs, usePages } from "../support/connection-page.js";
import { TcpProxy } from "../support/tcp-proxy.js";

/** A counter that counts its handler's calls on the server, for every session. */
class Clicks extends Component<Record<string, never>, { n: number }> {
  static calls = 0;
  state = { n: 0 };
  inc() {
    Clicks.calls++;
    this.setState({ n: this.state.n + 1 });
  }
  render() {
    return html`<main><button id="inc" onClick=${this.inc}>+</button><output id="count">${this.state.n}</output></main>`;
  }
}

const { open: openPage } = usePages();

/** Clicks #inc `n` times from inside the page, in one synchronous loop: as fast as a page can. */
const clickInPage = (page: Page, n: number) =>
  page.evaluate((count) => {
    const button = document.querySelector<HTMLButtonElement>("#inc")!;
    for (let i = 0; i < count; i++) button.click();
  }, n);

describe("the default rate limit and a person's clicks", () => {
  let server: RunningServer;
  let proxy: TcpProxy;

  beforeAll(async () => {
    server = await serve({ port: 0, host: "127.0.0.1", dev: true, routes: { "/clicks": Clicks } });
    proxy = await TcpProxy.forUrl(server.url);
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  afterEach(() => {
    proxy.resume();
    Clicks.calls = 0;
  });

  for (const transport of ["websocket", "longpoll"]) {
    test(`${transport}: 1,000 clicks as fast as the page can make them are each applied once`, async () => {
      const { page, errors, problems, closedSockets } = await openPage(`${proxy.url}/clicks${transport === "longpoll" ? "?transport=longpoll" : ""}`);
      const sid = await sessionOf(page);
      await clickInPage(page, 1_000);
      await textIs(page, "#count", "1000", 30_000); // 800 past the burst: about 8 s at 100 per second
      await page.waitForTimeout(300); // nothing late pushes it further
      expect(await page.textContent("#count")).toBe("1000");
      expect(Clicks.calls).toBe(1_000);
      expect(server.tether.sessions.get(sid)?.toHtml()).toContain('<output id="count">1000</output>');
      expect(errors).toEqual([]); // no rate_limited, nor anything else
      expect(closedSockets).toEqual([]);
      expect(problems).toEqual([]);
    }, 60_000);
  }

  test("300 clicks made offline, after a burst cut short, are sent when the network is back and each applied once", async () => {
    const { page, errors, problems } = await openPage(proxy.url + "/clicks");
    const sid = await sessionOf(page);
    // A burst the network drops in the middle of: some clicks reached the server, some did not,
    // some were applied without the page hearing it. The page sends them all again.
    await clickInPage(page, 50);
    proxy.pause();
    expect(proxy.cutAll()).toBeGreaterThan(0);
    await page.waitForSelector("html.tether-reconnecting", { state: "attached", timeout: 15_000 });
    await clickInPage(page, 300);
    expect(Clicks.calls).toBeLessThanOrEqual(50);
    proxy.resume();
    await textIs(page, "#count", "350", 30_000);
    await page.waitForTimeout(300);
    expect(await page.textContent("#count")).toBe("350");
    expect(Clicks.calls).toBe(350);
    expect(server.tether.sessions.get(sid)?.toHtml()).toContain('<output id="count">350</output>');
    // While the network is down the browser itself logs each reconnect attempt it could not
    // open; nothing else (no rate_limited, no Tether error) may be among the errors.
    expect(errors.filter((e) => !/^WebSocket connection to '[^']+' failed/.test(e))).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);
});
