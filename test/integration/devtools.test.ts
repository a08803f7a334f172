/**
 * The devtools' messages over a real socket (src/session/session-inspector.ts): a server in
 * development sends the component tree when the tab's panel asks (DevWatch), then after each
 * event its answer and a DevReport with the event's server time; nothing while the panel is
 * closed; and a production server refuses the request with a clear error and never sends a tree.
 */
import { afterEach, describe, expect, test } from "vitest";
import { Component, html, serve, type RunningServer } from "../../src/index.js";
import { ErrorCodes, Msg, type DevReportMessage, type MountMessage, type ServerMessage, type SummaryEntries } from "../../src/protocol/wire.js";
import { ProtocolClient } from "../support/client.js";

class Clicks extends Component<Record<string, never>, { count: number }> {
  state = { count: 0 };
  inc() {
    this.setState({ count: this.state.count + 1 });
  }
  render() {
    return html`<button onClick=${this.inc}>${this.state.count}</button>`;
  }
}

const servers: RunningServer[] = [];
const clients: ProtocolClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  for (const s of servers.splice(0)) await s.close();
});

/** A tab joined to /clicks on a server with `dev` as given: the client and the button's node id. */
async function tab(dev: boolean): Promise<{ client: ProtocolClient; button: number }> {
  const server = await serve({ port: 0, host: "127.0.0.1", dev, quiet: true, routes: { "/clicks": Clicks } });
  servers.push(server);
  const client = await ProtocolClient.connect(server.url);
  clients.push(client);
  const mount = (await client.join("/clicks")) as MountMessage;
  expect(mount.k).toBe(Msg.Mount);
  return { client, button: mount.id };
}

/** Every message the server sent before it answers a Ping now: what it sent for the messages before is all there. */
async function settled(client: ProtocolClient): Promise<ServerMessage[]> {
  const from = client.received.length;
  client.send({ k: Msg.Ping });
  await client.next((m) => m.k === Msg.Pong);
  return client.received.slice(from);
}

const reports = (messages: ServerMessage[]) => messages.filter((m): m is DevReportMessage => m.k === Msg.DevReport);
const countOf = (report: DevReportMessage) => (report.c[0].s as SummaryEntries).e.find(([key]) => key === "count")?.[1];

describe("in development", () => {
  test("a DevWatch gets the tree now; each event then gets its answer, and after it the tree and the event's server time", async () => {
    const { client, button } = await tab(true);
    client.send({ k: Msg.DevWatch, on: true });
    const first = (await client.next((m) => m.k === Msg.DevReport)) as DevReportMessage;
    expect(first.e).toBeUndefined();
    expect(first.ms).toBeUndefined();
    expect(first.c.map((c) => [c.n, c.id])).toEqual([["<Clicks>", button]]);
    expect(countOf(first)).toBe(0);

    const from = client.received.length;
    client.event(button, "click");
    const report = (await client.next((m) => m.k === Msg.DevReport)) as DevReportMessage;
    expect(report.e).toBe(1);
    expect(report.ms).toBeGreaterThanOrEqual(0);
    expect(countOf(report)).toBe(1);
    // The event's patch first, then the report: one of each.
    expect(client.received.slice(from).map((m) => m.k)).toEqual([Msg.Patch, Msg.DevReport]);
  });

  test("no report while the panel is closed: none before a DevWatch, none after it is turned off", async () => {
    const { client, button } = await tab(true);
    client.event(button, "click");
    expect(reports(await settled(client))).toEqual([]);
    client.send({ k: Msg.DevWatch, on: true });
    await client.next((m) => m.k === Msg.DevReport);
    client.send({ k: Msg.DevWatch, on: false });
    client.event(button, "click");
    const after = await settled(client);
    expect(after.map((m) => m.k)).toEqual([Msg.Patch, Msg.Pong]);
  });
});

describe("in production", () => {
  test("a DevWatch is refused with dev_only, and no event ever brings a tree; the session goes on", async () => {
    const { client, button } = await tab(false);
    client.send({ k: Msg.DevWatch, on: true });
    const refused = await client.next((m) => m.k === Msg.Error);
    expect(refused).toMatchObject({ k: Msg.Error, code: ErrorCodes.DevOnly });
    expect((refused as { message: string }).message).toMatch(/only in development/);
    client.event(button, "click");
    client.event(button, "click");
    const after = await settled(client);
    expect(after.filter((m) => m.k === Msg.Patch)).toHaveLength(2);
    expect(reports(client.received)).toEqual([]);
  });
});
