/**
 * The floor: a raw `ws` server that sends every text message straight back. Any framework on
 * loopback costs at least this much per event; bench/run.ts also opens bare connections to
 * it for the memory and connect-rate baselines.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { serveControl } from "./control.js";

function echo(this: WebSocket, data: Buffer, isBinary: boolean): void {
  this.send(data, { binary: isBinary });
}

const server = createServer((_req, res) => {
  res.writeHead(404);
  res.end();
});
const wss = new WebSocketServer({ server });
wss.on("connection", (ws) => ws.on("message", echo));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

serveControl((server.address() as AddressInfo).port, () => wss.clients.size);
