import { readFileSync } from "node:fs";
import { createSecureServer, type ServerHttp2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import { createTether } from "tether-live";
import { Counter } from "../counter.js";

const tether = createTether({ routes: { "/counter": Counter } });
const tls = { key: readFileSync(process.env.TLS_KEY ?? "key.pem"), cert: readFileSync(process.env.TLS_CERT ?? "cert.pem") };
// Pages travel over HTTP/2; a browser opens the WebSocket on an HTTP/1.1 connection of its
// own, which allowHTTP1 lets in.
const server = createSecureServer({ ...tls, allowHTTP1: true }, async (req, res) => {
  if (await tether.handle(req, res)) return;
  res.writeHead(404).end("Not found");
});
tether.attach(server); // WebSocket upgrades (wss://) on /_tether/ws
server.listen(Number(process.env.PORT ?? 3443), "127.0.0.1", () => {
  console.log(`Live at https://127.0.0.1:${(server.address() as AddressInfo).port}/counter`);
});

// Ctrl-C, or a process manager's stop: tabs are told to reconnect, then the server closes.
// An HTTP/2 server's close() waits for its sessions (a browser keeps one open): close them too.
const sessions = new Set<ServerHttp2Session>();
server.on("session", (session) => {
  sessions.add(session);
  session.once("close", () => sessions.delete(session));
});
const stop = async () => {
  await tether.close();
  server.close();
  for (const session of sessions) session.close();
};
process.once("SIGINT", stop).once("SIGTERM", stop);
