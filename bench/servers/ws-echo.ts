/**
 * The floor: a raw `ws` server that sends every text message straight back. Any framework on
 * loopback costs at least this much per event; bench/run.ts also opens bare connections to
 * it for the memory and connect-rate baselines.
 */
import type { WebSocket } from "ws";
import { serveWebSocket } from "./control.js";

function echo(this: WebSocket, data: Buffer, isBinary: boolean): void {
  this.send(data, { binary: isBinary });
}

await serveWebSocket(echo);
