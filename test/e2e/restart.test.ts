/**
 * End to end in headless Chromium: a server that stops tells its tabs it is going away (close
 * code 1001), and a tab reconnects to the server that takes its place on the same port (a
 * restart, a deploy), as a fresh session of the same page: the join token it holds is good
 * there, the two servers sharing their `secret` as every process of one app must.
 */
import { expect, test } from "vitest";
import { serve, type ServeOptions } from "../../src/index.js";
import { Counter } from "../../examples/counter.js";
import { connected, log, sessionOf, textIs, usePages } from "../support/connection-page.js";

const { open } = usePages();

/** Records the close code of every WebSocket the page opens, from before the runtime loads. */
const RECORD_CLOSE_CODES = `(() => {
  window.__closeCodes = [];
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("close", (e) => window.__closeCodes.push(e.code));
    }
  };
})();`;

test("a tab whose server stops reconnects to the one that takes its place on the same port", async () => {
  const options: ServeOptions = { host: "127.0.0.1", dev: true, secret: "a secret the two processes of one app share", signals: false, routes: { "/counter": Counter } };
  const first = await serve({ ...options, port: 0 });
  const port = Number(new URL(first.url).port);
  let second: Awaited<ReturnType<typeof serve>> | null = null;
  try {
    const { page, problems } = await open(`${first.url}/counter`, { initScript: RECORD_CLOSE_CODES });
    const sid = await sessionOf(page);
    await page.click("#inc");
    await textIs(page, "#count", "1");

    await first.close();
    await page.waitForSelector("html.tether-reconnecting", { state: "attached" });
    // The first close is the server's going-away; any after it are the tab's attempts to
    // reconnect while nothing listens on the port (refused: 1006), which a slow moment may show.
    const codes = await page.evaluate(() => (window as unknown as { __closeCodes: number[] }).__closeCodes);
    expect(codes[0]).toBe(1001);
    expect(codes.slice(1).filter((code) => code !== 1006)).toEqual([]);

    second = await serve({ ...options, port });
    await connected(page);
    // A fresh session of the same page (the first one's state stopped with its server), live.
    await textIs(page, "#count", "0");
    await page.click("#inc");
    await textIs(page, "#count", "1");
    expect([...second.tether.sessions.keys()]).not.toContain(sid);
    expect(second.tether.sessions.size).toBe(1);
    expect((await log(page)).ended).toBe(1);
    expect(problems).toEqual([]);
  } finally {
    await second?.close();
  }
});
