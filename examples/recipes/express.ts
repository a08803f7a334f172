import express from "express";
import type { AddressInfo } from "node:net";
import { createTether } from "tether-live";
import { Counter } from "../counter.js";

const tether = createTether({ routes: { "/counter": Counter } });
const app = express();
app.use(tether.middleware); // pages and /_tether/* ; everything else falls through
app.get("/api/hello", (_req, res) => {
  res.json({ hello: "express" });
});
// "127.0.0.1": loopback only; app.listen(port) alone listens on every interface.
const server = app.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
  console.log(`Live at http://127.0.0.1:${(server.address() as AddressInfo).port}/counter`);
});
tether.attach(server); // WebSocket upgrades on /_tether/ws; others left to your listeners

// Ctrl-C, or a process manager's stop: tabs are told to reconnect, then the server closes.
const stop = async () => {
  await tether.close();
  server.close();
};
process.once("SIGINT", stop).once("SIGTERM", stop);
