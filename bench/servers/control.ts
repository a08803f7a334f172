/**
 * The control channel of a benchmark server: the orchestrator asks over Node's IPC channel
 * (not over the server's own sockets, so that control traffic never mixes with the measured
 * traffic) for the process's CPU time and memory, and for a full garbage collection.
 *
 * Every server process calls `serveControl` once it listens. Run it with `--expose-gc`.
 */

import { createServer } from "node:http";
import { getHeapSpaceStatistics } from "node:v8";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

/** A request from the orchestrator. */
export type ControlRequest = { id: number; op: "usage" } | { id: number; op: "gc" } | { id: number; op: "sessions" };

/** What `usage` and `gc` answer. */
export interface Usage {
  /** User + system CPU time of the whole process since it started, in microseconds. */
  cpuMicros: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  /** Sessions (or connections) the server holds, if it counts them. */
  sessions: number;
  /** V8's heap spaces: bytes committed (size) and in use (used), by space name. */
  spaces: Record<string, { size: number; used: number }>;
}

/** What a server tells the orchestrator once it listens. */
export interface ReadyMessage {
  ready: true;
  port: number;
  pid: number;
}

function usage(countSessions: () => number): Usage {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    cpuMicros: cpu.user + cpu.system,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    external: memory.external,
    sessions: countSessions(),
    spaces: Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }])),
  };
}

/**
 * Several full collections with turns of the event loop in between, so that objects freed by
 * finalizers and weak callbacks of one collection are collected by the next.
 */
async function collect(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run the server with --expose-gc");
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Announces the port and answers control requests until the orchestrator disconnects. */
export function serveControl(port: number, countSessions: () => number = () => 0): void {
  if (process.send === undefined) {
    console.log(JSON.stringify({ ready: true, port, pid: process.pid }));
    return;
  }
  process.on("message", (message: ControlRequest) => {
    const answer = (body: object) => process.send!({ id: message.id, ...body });
    if (message.op === "gc") collect().then(() => answer(usage(countSessions)), (error: Error) => answer({ error: error.message }));
    else answer(usage(countSessions));
  });
  // The orchestrator went away (it crashed or was killed): do not outlive it.
  process.on("disconnect", () => process.exit(0));
  // Stopped by the orchestrator: exit normally, so that profilers (BENCH_NODE_FLAGS) write their files.
  process.once("SIGTERM", () => process.exit(0));
  process.send({ ready: true, port, pid: process.pid } satisfies ReadyMessage);
}

/**
 * A plain `ws` server on loopback (any HTTP request answered 404) whose sockets call
 * `onMessage` with ws's own `this`; it announces itself with serveControl once it listens.
 * The baselines (the echo, the whole-HTML server) are this and their message handler.
 */
export async function serveWebSocket(onMessage: (this: WebSocket, data: Buffer, isBinary: boolean) => void): Promise<void> {
  const server = createServer((_req, res) => {
    res.writeHead(404);
    res.end();
  });
  const wss = new WebSocketServer({ server });
  wss.on("connection", (ws) => ws.on("message", onMessage));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serveControl((server.address() as AddressInfo).port, () => wss.clients.size);
}
