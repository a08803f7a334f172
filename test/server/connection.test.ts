/**
 * A tab's connection (connection.ts), driven directly over a fake transport: it waits for a
 * Join (in a message or in the socket's URL), asks the join policy with the HTTP request the
 * join came with, attaches or resumes the session, then feeds it validated messages; bad input
 * gets clear errors and the right close codes, and a closed connection leaves its session
 * waiting for its tab. The WebSocket and long-poll transports drive the same code
 * (test/server/socket.test.ts, long-poll.test.ts).
 */
import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ErrorCodes, Msg, PROTOCOL_VERSION, type ServerMessage } from "../../src/protocol/wire.js";
import { joinQuery } from "../../src/protocol/encode.js";
import {
  CloseCode,
  closeConnection,
  connectionClosed,
  createConnection,
  receiveBinary,
  receiveJoinQuery,
  receiveText,
  type Connection,
  type ConnectionHost,
} from "../../src/server/connection.js";
import type { Transport } from "../../src/session/channel.js";
import { serverParts } from "../support/server-parts.js";

/** A transport that records what it was sent and reports its close to its connection, as real ones do. */
class FakeTransport implements Transport {
  readonly sent: ServerMessage[] = [];
  closed: [number | undefined, string | undefined] | null = null;
  connection!: Connection;

  send(text: string): void {
    this.sent.push(JSON.parse(text) as ServerMessage);
  }

  close(code?: number, reason?: string): void {
    if (this.closed !== null) return;
    this.closed = [code, reason];
    connectionClosed(this.connection);
  }

  get errors() {
    return this.sent.filter((m) => m.k === Msg.Error);
  }
}

/** The join tokens of the last setup's server: joins carry one of them. */
let tokens: ReturnType<typeof serverParts>["tokens"];

function setup(hostOptions: Partial<ConnectionHost> = {}) {
  const { registry, policy, host, router, tokens: signer } = serverParts({}, { maxBadMessages: 3, ...hostOptions });
  tokens = signer;
  const transport = new FakeTransport();
  const connection = createConnection(transport, host, host.clients.open("127.0.0.1"));
  transport.connection = connection;
  return { registry, router, policy, transport, connection };
}

/** A valid join token for `path` and session `sid` (one that is gone: the join builds a fresh session). */
const token = (path: string, sid = "gone") => tokens.sign(path, sid, "", 60_000);
const joinText = (path = "/counter", v: number = PROTOCOL_VERSION) => JSON.stringify({ k: Msg.Join, v, sid: "gone", path, t: token(path) });
const request = (url: string) => ({ url, headers: {} }) as unknown as IncomingMessage;
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("before the join", () => {
  it("answers anything but a Join with not_joined, and malformed input with bad_message, staying open", () => {
    const { transport, connection } = setup({ maxBadMessages: 100 });
    receiveText(connection, JSON.stringify({ k: Msg.Ping }), null);
    receiveText(connection, "{", null);
    receiveBinary(connection);
    expect(transport.sent).toEqual([
      { k: Msg.Error, code: ErrorCodes.NotJoined, message: "the first message must be a join" },
      { k: Msg.Error, code: ErrorCodes.BadMessage, message: expect.stringMatching(/not valid JSON/) },
      { k: Msg.Error, code: ErrorCodes.BadMessage, message: expect.stringMatching(/binary frames/) },
    ]);
    expect(transport.closed).toBeNull();
  });

  it("closes with 1008 once more than maxBadMessages came", () => {
    const { transport, connection } = setup({ maxBadMessages: 3 });
    for (let i = 0; i < 3; i++) receiveText(connection, "junk", null);
    expect(transport.closed).toBeNull();
    receiveText(connection, "junk", null);
    expect(transport.closed).toEqual([CloseCode.PolicyViolation, "too many malformed messages"]);
    expect(transport.errors).toHaveLength(4);
    expect(connection.open).toBe(false);
  });

  it("closes with 4001 when no join comes within the host's joinTimeout", () => {
    vi.useFakeTimers();
    const { transport } = setup({ joinTimeout: 500 });
    vi.advanceTimersByTime(499);
    expect(transport.closed).toBeNull();
    vi.advanceTimersByTime(1);
    expect(transport.closed).toEqual([CloseCode.JoinTimeout, "no join received in time"]);
  });

  it("refuses another protocol version with a fatal version_mismatch and 1002, without asking the policy", () => {
    const { transport, connection, policy } = setup();
    receiveText(connection, joinText("/counter", PROTOCOL_VERSION + 1), null);
    expect(transport.sent).toEqual([{ k: Msg.Error, code: ErrorCodes.Version, message: expect.stringMatching(/reload/), fatal: true }]);
    expect(transport.closed).toEqual([CloseCode.ProtocolError, "protocol version mismatch"]);
    expect(policy.asked).toEqual([]);
  });
});

describe("joining", () => {
  it("asks the policy with the request the join came with, mounts the session, then feeds it messages", async () => {
    const { transport, connection, policy, registry } = setup();
    const post = request("/_tether/poll");
    receiveText(connection, joinText(), post);
    expect(connection.joining).toBe(true);
    receiveText(connection, joinText(), null); // a second one while the first is decided
    expect(transport.errors).toEqual([{ k: Msg.Error, code: ErrorCodes.NotJoined, message: "a join is already in progress" }]);
    await settled();
    expect(policy.asked).toEqual([{ message: { k: Msg.Join, v: PROTOCOL_VERSION, sid: "gone", path: "/counter", t: token("/counter") }, request: post }]);
    const mount = transport.sent.find((m) => m.k === Msg.Mount)!;
    expect(connection.session).toBe(registry.find((mount as { sid: string }).sid));
    expect(connection.session!.isConnected).toBe(true);
    receiveText(connection, JSON.stringify({ k: Msg.Ping }), null);
    expect(transport.sent.at(-1)).toEqual({ k: Msg.Pong });
    // A join on a joined connection is the session's to refuse.
    receiveText(connection, joinText(), null);
    expect(transport.sent.at(-1)).toMatchObject({ k: Msg.Error, code: ErrorCodes.NotJoined });
  });

  it("does not time out once joined", async () => {
    vi.useFakeTimers();
    const { transport, connection } = setup({ joinTimeout: 500 });
    receiveText(connection, joinText(), null);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(transport.closed).toBeNull();
    expect(transport.sent[0].k).toBe(Msg.Mount);
  });

  it("resumes when the policy says so: Resume, then the messages the tab missed", async () => {
    const { transport, connection, registry, router } = setup();
    const session = (await registry.create("/counter", router.match("/counter"), undefined))!;
    const first = new FakeTransport();
    session.attach(first);
    const rt = (first.sent[0] as { rt: string }).rt;
    session.detach(first);
    receiveText(connection, JSON.stringify({ k: Msg.Join, v: PROTOCOL_VERSION, sid: session.id, path: "/counter", rt, s: 1, t: token("/counter", session.id) }), null);
    await settled();
    expect(transport.sent).toEqual([{ k: Msg.Resume, a: 0, hb: [15_000, 10_000], mx: 1 << 20, tk: expect.any(String) }]);
    expect(connection.session).toBe(session);
  });

  it("sends a refusal as a fatal error and closes with 4002", async () => {
    const { transport, connection } = setup();
    receiveText(connection, joinText("/nowhere"), null);
    await settled();
    expect(transport.sent).toEqual([{ k: Msg.Error, code: ErrorCodes.UnknownRoute, message: "no page is served at /nowhere", fatal: true }]);
    expect(transport.closed).toEqual([CloseCode.JoinRefused, ErrorCodes.UnknownRoute]);
  });

  it("refuses the join as unknown_route when the policy fails, and logs why", async () => {
    const { transport, connection } = setup({ policy: { join: () => Promise.reject(new Error("boom")) } });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    receiveText(connection, joinText(), null);
    await settled();
    expect(log).toHaveBeenCalledWith("[tether] join failed:", expect.any(Error));
    expect(transport.sent).toEqual([{ k: Msg.Error, code: ErrorCodes.UnknownRoute, message: "the page could not be rendered", fatal: true }]);
    expect(transport.closed?.[0]).toBe(CloseCode.JoinRefused);
  });
});

describe("a join in the socket's URL", () => {
  it("joins as a Join message would, with the upgrade's request", async () => {
    const { transport, connection, policy } = setup();
    const query = joinQuery(PROTOCOL_VERSION, "gone", "/counter", token("/counter"));
    const upgrade = request("/_tether/ws" + query);
    receiveJoinQuery(connection, query, upgrade);
    await settled();
    expect(policy.asked.map((a) => a.request)).toEqual([upgrade]);
    expect(transport.sent[0].k).toBe(Msg.Mount);
  });

  it("answers a malformed one with bad_message, and waits for a Join message when there is none", async () => {
    const { transport, connection, policy } = setup();
    receiveJoinQuery(connection, "?v=one&path=%2Fcounter", request("/_tether/ws"));
    receiveJoinQuery(connection, "?other=1", request("/_tether/ws"));
    await settled();
    expect(transport.sent).toEqual([{ k: Msg.Error, code: ErrorCodes.BadMessage, message: expect.stringMatching(/^the join in the URL: /) }]);
    expect(policy.asked).toEqual([]);
    expect(transport.closed).toBeNull();
  });
});

describe("closing", () => {
  it("detaches the session and leaves it waiting for its tab", async () => {
    const { transport, connection, registry } = setup();
    receiveText(connection, joinText(), null);
    await settled();
    const session = connection.session!;
    closeConnection(connection, 1001, "going away");
    expect(transport.closed).toEqual([1001, "going away"]);
    expect(connection.session).toBeNull();
    expect(session.isConnected).toBe(false);
    expect(session.isEnded).toBe(false);
    expect(registry.expiring).toBe(1);
  });

  it("closed while the policy decides: the session is not attached and waits for its tab", async () => {
    const { transport, connection, registry } = setup();
    receiveText(connection, joinText(), null);
    transport.close(1006, "dropped");
    await settled();
    expect(transport.sent).toEqual([]);
    expect(registry.sessions.size).toBe(1);
    const [session] = registry.sessions.values();
    expect(session.isConnected).toBe(false);
    expect(registry.expiring).toBe(1);
  });
});
