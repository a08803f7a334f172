/**
 * serve() on SIGINT and SIGTERM (signals.ts), in a process of its own as an app runs: it
 * closes, then the process ends by the signal unless the app listens for it itself (then the
 * app decides, and the process ends when nothing else holds it); `signals: false` leaves
 * signals to the app.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Msg } from "../../src/protocol/wire.js";
import { AppProcess, isListening } from "../support/app-process.js";
import { ProtocolClient } from "../support/client.js";

const apps: AppProcess[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.kill();
});

/** Runs an app that serves one page with `options` and runs `then` after it listens. */
async function app(options: string, then = ""): Promise<AppProcess> {
  const source = `
    import { Component, html, serve } from "tether-live";
    class Page extends Component { render() { return html\`<p>live</p>\`; } }
    const running = await serve({ routes: { "/": Page }, port: 0, quiet: true, ${options} });
    ${then}
    console.log(running.url);`;
  const started = await AppProcess.start("node", ["--import", "tsx", "--input-type=module", "--eval", source]);
  apps.push(started);
  return started;
}

describe("serve() on a signal", () => {
  it("closes, telling its tabs to reconnect, then the process ends by the signal", async () => {
    const running = await app("");
    const tab = await ProtocolClient.connect(running.url);
    expect((await tab.join("/")).k).toBe(Msg.Mount);
    running.signal("SIGTERM");
    expect(await tab.closed).toEqual({ code: 1001, reason: "server closing" }); // not a dropped line: it closed first
    expect(await running.exited).toEqual({ code: null, signal: "SIGTERM" });
    expect(await isListening(running.port)).toBe(false);
  });

  it("closes and leaves the process to the app when the app listens for the signal", async () => {
    const running = await app("", `process.on("SIGINT", () => console.log("the app's own SIGINT listener ran"));`);
    running.signal("SIGINT");
    // The server closed and nothing else holds the process: it ends by itself.
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.output).toContain("the app's own SIGINT listener ran");
  });

  it("leaves signals to the app with signals: false", async () => {
    const running = await app("signals: false", `process.on("SIGTERM", () => console.log("still serving"));`);
    running.signal("SIGTERM");
    await running.printed("still serving");
    expect((await fetch(running.url)).status).toBe(200);
  });
});
