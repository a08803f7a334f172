import { serve, type HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import { Hono } from "hono";
import { createTether } from "tether-live";
import { Counter } from "../counter.js";

const tether = createTether({ routes: { "/counter": Counter } });
const app = new Hono<{ Bindings: HttpBindings }>();
app.use(async (c, next) => {
  // Node's request and response, under Hono's: Tether answers its pages and /_tether/* there.
  if (await tether.handle(c.env.incoming, c.env.outgoing)) return RESPONSE_ALREADY_SENT;
  await next();
});
app.get("/api/hello", (c) => c.json({ hello: "hono" }));
const port = Number(process.env.PORT ?? 3000);
const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info) => {
  console.log(`Live at http://127.0.0.1:${info.port}/counter`);
});
tether.attach(server); // WebSocket upgrades on /_tether/ws, on the node server Hono runs on

// Ctrl-C, or a process manager's stop: tabs are told to reconnect, then the server closes.
const stop = async () => {
  await tether.close();
  server.close();
};
process.once("SIGINT", stop).once("SIGTERM", stop);
