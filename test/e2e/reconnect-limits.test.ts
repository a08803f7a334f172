/**
 * End to end in headless Chromium: the server's limits must not cost the page its connection.
 * An event larger than the server accepts (maxMessageSize, told to the page in the Mount) is
 * refused by the page itself, not sent to be closed on and sent again after every reconnect;
 * and the acknowledgement the page carries on its events keeps a steady stream of clicks well
 * inside the server's outbox bound (maxOutboxBytes), with no lull for a standalone Ack.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Component, html, serve, type LiveEvent, type RunningServer } from "../../src/index.js";
import { Counter } from "../../examples/counter.js";
import { connected, sessionOf, textIs, usePages } from "../support/connection-page.js";

/** A field whose every keystroke reaches the server, which shows what it has. */
class Field extends Component<Record<string, never>, { text: string }> {
  state = { text: "" };
  input(event: LiveEvent) {
    this.setState({ text: event.value ?? "" });
  }
  render() {
    return html`<main>
      <input id="name" onInput=${this.input} />
      <output id="echo">${this.state.text}</output>
    </main>`;
  }
}

const MAX_MESSAGE_SIZE = 2_000;

const { open: openPage } = usePages();

describe("with small limits", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await serve({
      port: 0,
      host: "127.0.0.1",
      dev: true,
      maxMessageSize: MAX_MESSAGE_SIZE,
      // About 75 of the counter's patches: a stream of clicks fills it unless the page's acks trim it.
      maxOutboxBytes: 3_000,
      routes: { "/counter": Counter, "/field": Field },
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  test("an event larger than maxMessageSize is not sent: the page says so, stays connected, and opens no new WebSocket", async () => {
    const { page, errors, sockets, closedSockets, problems } = await openPage(server.url + "/field");
    await page.fill("#name", "x".repeat(5_000)); // one input event of about 5 KB
    await expect
      .poll(() => errors, { timeout: 10_000 })
      .toEqual([expect.stringMatching(/^\[tether\] the "input" event is larger than the server accepts \(2000 bytes\); it was not sent$/)]);
    // Sent, it would close the socket (1009), and a reconnect would come within a few hundred ms.
    await page.waitForTimeout(1_000);
    expect(sockets).toHaveLength(1);
    expect(closedSockets).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.className)).toContain("tether-connected");
    expect(await page.getAttribute("#name", "class")).toBeNull(); // not left loading
    expect(await page.textContent("#echo")).toBe("");

    // Still live: the next event of a size the server takes goes through, on the same socket.
    await page.fill("#name", "small");
    await textIs(page, "#echo", "small");
    expect(server.tether.sessions.get(await sessionOf(page))?.toHtml()).toContain('<output id="echo">small</output>');
    expect(sockets).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  test("/counter: 150 clicks 20 ms apart (no lull for a standalone Ack) are all applied, and no connection is closed", async () => {
    const { page, sockets, closedSockets, problems } = await openPage(server.url + "/counter");
    const sid = await sessionOf(page);
    // Clicked from inside the page, so that the stream stays steady however slow the test is.
    await page.evaluate(async () => {
      for (let i = 0; i < 150; i++) {
        document.querySelector<HTMLButtonElement>("#inc")!.click();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    await textIs(page, "#count", "150");
    await page.waitForTimeout(300); // nothing late changes it
    expect(await page.textContent("#count")).toBe("150");
    expect(server.tether.sessions.get(sid)?.toHtml()).toContain('<output id="count">150</output>');
    expect(closedSockets).toEqual([]);
    expect(sockets).toHaveLength(1);
    await connected(page);
    expect(problems).toEqual([]);
  });
});
