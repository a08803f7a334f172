import Fastify from "fastify";
import { createTether } from "tether-live";
import { Counter } from "../counter.js";

const tether = createTether({ routes: { "/counter": Counter } });
const app = Fastify();
app.addHook("onRequest", async (request, reply) => {
  if (await tether.handle(request.raw, reply.raw)) reply.hijack(); // Tether answered it
});
app.get("/api/hello", async () => ({ hello: "fastify" }));
tether.attach(app.server); // WebSocket upgrades on /_tether/ws
// Fastify listens on localhost by default; host: "0.0.0.0" for every interface.
const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: "127.0.0.1" });
console.log(`Live at ${address}/counter`);

// Ctrl-C, or a process manager's stop: tabs are told to reconnect, then the server closes.
const stop = async () => {
  await tether.close();
  await app.close();
};
process.once("SIGINT", stop).once("SIGTERM", stop);
