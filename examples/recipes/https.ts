import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { createTether } from "tether-live";
import { Counter } from "../counter.js";

const tether = createTether({ routes: { "/counter": Counter } });
const tls = { key: readFileSync(process.env.TLS_KEY ?? "key.pem"), cert: readFileSync(process.env.TLS_CERT ?? "cert.pem") };
const server = createServer(tls, async (req, res) => {
  if (await tether.handle(req, res)) return;
  res.writeHead(404).end("Not found");
});
tether.attach(server); // WebSocket upgrades (wss://) on /_tether/ws
server.listen(Number(process.env.PORT ?? 3443), "127.0.0.1", () => {
  console.log(`Live at https://127.0.0.1:${(server.address() as AddressInfo).port}/counter`);
});

// Ctrl-C, or a process manager's stop: tabs are told to reconnect, then the server closes.
const stop = async () => {
  await tether.close();
  server.close();
};
process.once("SIGINT", stop).once("SIGTERM", stop);
