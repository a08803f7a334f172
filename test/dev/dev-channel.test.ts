/**
 * The dev channel on a real server (what `tether dev` installs before the app makes its Tether):
 * every page gets the dev script, with the page's CSP nonce; a tab's event stream gets the error
 * shown now at once, then each error and its clearing; component errors reach it as well as
 * the app's own onError.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Component } from "../../src/component/component.js";
import { addVersion } from "../../src/component/versions.js";
import { DevChannel } from "../../src/dev/dev-channel.js";
import { errorReport } from "../../src/dev/error-report.js";
import { serve, type RunningServer } from "../../src/server/serve.js";
import { installDevHost } from "../../src/server/dev-host.js";
import { html } from "../../src/template/html.js";

class Hello extends Component {
  boom() {
    throw new Error("handler broke");
  }
  render() {
    return html`<p>hello</p>`;
  }
}

let running: RunningServer | null = null;
afterEach(async () => {
  installDevHost(null);
  await running?.close();
  running = null;
});

async function start(channel: DevChannel, onError?: (error: unknown, where: string, session?: { id: string }) => void): Promise<string> {
  installDevHost(channel);
  running = await serve({ port: 0, host: "127.0.0.1", signals: false, routes: { "/": Hello, "/strict": { component: Hello, csp: true } }, ...(onError ? { onError } : {}) });
  return running.url;
}

/** Reads server-sent events from the stream until `count` data lines came. */
async function readEvents(url: string, count: number, during: () => void): Promise<unknown[]> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  expect(res.headers.get("content-type")).toBe("text/event-stream");
  const reader = res.body!.getReader();
  const events: unknown[] = [];
  let text = "";
  let started = false;
  while (events.length < count) {
    const { value } = await reader.read();
    text += new TextDecoder().decode(value);
    if (!started && text.includes(": tether dev")) {
      started = true;
      during();
    }
    for (let at = text.indexOf("\n\n"); at !== -1; at = text.indexOf("\n\n")) {
      const chunk = text.slice(0, at);
      text = text.slice(at + 2);
      if (chunk.startsWith("data: ")) events.push(JSON.parse(chunk.slice(6)));
    }
  }
  controller.abort();
  return events;
}

describe("DevChannel", () => {
  it("adds the dev script to every page, with the page's nonce under a CSP, and serves it", async () => {
    const url = await start(new DevChannel(process.cwd()));
    expect(await (await fetch(url + "/")).text()).toContain('<script src="/_tether/dev/client.js" data-base="/_tether"></script>');
    const strict = await (await fetch(url + "/strict")).text();
    const nonce = /nonce="([^"]+)"/.exec(strict)![1];
    expect(strict).toContain(`<script src="/_tether/dev/client.js" data-base="/_tether" nonce="${nonce}"></script>`);
    const script = await fetch(url + "/_tether/dev/client.js");
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await script.text()).toContain("tether-dev-overlay");
    expect((await fetch(url + "/_tether/dev/nothing")).status).toBe(404);
  });

  it("streams the state now, then errors and their clearing, to each tab; a tab that connects later gets the error shown now", async () => {
    const channel = new DevChannel(process.cwd());
    const url = await start(channel);
    const events = await readEvents(url + "/_tether/dev/events", 3, () => {
      channel.error(new Error("it broke"), "rendering <Hello>");
      channel.clear();
    });
    // The state when it connected (no error), the error, its clearing.
    expect(events).toEqual([{ type: "ok" }, expect.objectContaining({ type: "error", where: "rendering <Hello>", message: "it broke" }), { type: "ok" }]);
    channel.error(new Error("still broken"), "loading hello.ts");
    const late = await readEvents(url + "/_tether/dev/events", 1, () => {});
    expect(late).toEqual([expect.objectContaining({ type: "error", message: "still broken" })]);
  });

  it("hears a session's errors, which still reach the app's onError", async () => {
    const channel = new DevChannel(process.cwd());
    const seen: string[] = [];
    await start(channel, (_error, where) => seen.push(where));
    expect(channel.sessionMaps).toHaveLength(1);
    expect(channel.sessionMaps[0]).toBe(running!.tether.sessions);
    await fetch(running!.url + "/");
    const [live] = [...channel.sessions()];
    live.tree.reportError(new Error("render broke"), "rendering <Hello>");
    expect(channel.errorCount).toBe(1);
    expect(seen).toEqual(["rendering <Hello>"]);
  });

  it("shows a session's error in that session's tabs only, and the app's onError is told which session", async () => {
    const channel = new DevChannel(process.cwd());
    const seen: Array<string | undefined> = [];
    await start(channel, (_error, where, session) => seen.push(session?.id));
    await fetch(running!.url + "/");
    await fetch(running!.url + "/");
    const [broken, fine] = [...channel.sessions()];
    const events = (session: string) => `${running!.url}/_tether/dev/events?session=${session}`;
    // The broken session's tab hears of its error; the other tab's stream gets only what a code error sends.
    const [ofBroken, ofFine] = await Promise.all([
      readEvents(events(broken.id), 2, () => broken.tree.reportError(new Error("render broke"), "rendering <Hello>")),
      readEvents(events(fine.id), 2, () => setTimeout(() => channel.error(new Error("syntax"), "loading hello.ts"), 100)),
    ]);
    expect(ofBroken).toEqual([{ type: "ok" }, expect.objectContaining({ type: "error", message: "render broke" })]);
    expect(ofFine).toEqual([{ type: "ok" }, expect.objectContaining({ type: "error", message: "syntax" })]);
    expect(seen).toEqual([broken.id]);
    // A tab of the broken session that connects later is shown its error; one of another session is not.
    channel.clear();
    broken.tree.reportError(new Error("again"), "rendering <Hello>");
    expect(await readEvents(events(broken.id), 1, () => {})).toEqual([expect.objectContaining({ message: "again" })]);
    expect(await readEvents(events(fine.id), 1, () => {})).toEqual([{ type: "ok" }]);
  });

  it("shows a module's load error in the tabs that show one of its components, and in pages without a session", async () => {
    const channel = new DevChannel(process.cwd());
    class Other extends Component {
      render() {
        return html`<p>other</p>`;
      }
    }
    addVersion("/app/hello.ts#Hello", Hello);
    addVersion("/app/other.ts#Other", Other);
    installDevHost(channel);
    running = await serve({ port: 0, host: "127.0.0.1", signals: false, routes: { "/": Hello, "/other": Other } });
    await fetch(running.url + "/");
    await fetch(running.url + "/other");
    const [hello, other] = [...channel.sessions()];
    const events = (session: string) => `${running!.url}/_tether/dev/events?session=${session}`;
    const report = errorReport(new Error("syntax"), "loading hello.ts", process.cwd());
    // Both streams connected first, then the error.
    let connected = 0;
    const bothConnected = () => ++connected === 2 && channel.show(report, new Set(["/app/hello.ts"]));
    const [ofHello, ofNone] = await Promise.all([readEvents(events(hello.id), 2, bothConnected), readEvents(events("unknown"), 2, bothConnected)]);
    expect(ofHello[1]).toEqual(expect.objectContaining({ message: "syntax" }));
    expect(ofNone[1]).toEqual(expect.objectContaining({ message: "syntax" }));
    expect(await readEvents(events(other.id), 1, () => {})).toEqual([{ type: "ok" }]);
    expect(await readEvents(events(hello.id), 1, () => {})).toEqual([expect.objectContaining({ message: "syntax" })]);
  });
});
