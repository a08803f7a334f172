import cluster from "node:cluster";
import { createHash, randomBytes } from "node:crypto";
import { createServer as createHttpServer } from "node:http";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { availableParallelism } from "node:os";
import { createTether, redisAdapter } from "tether-live";
import { Counter } from "../counter.js";

// Several processes on one port, with node:cluster. The primary accepts each connection and
// hands it to a worker chosen by the client's address: sticky, so that a tab's page, WebSocket
// and long-poll requests reach the worker that holds its session. The workers share topics,
// presence and session snapshots through Redis (REDIS_URL), and sign with one secret.
if (cluster.isPrimary) {
  const secret = process.env.TETHER_SECRET ?? randomBytes(32).toString("base64url");
  const count = Number(process.env.WORKERS ?? Math.min(availableParallelism(), 4));
  const workers = Array.from({ length: count }, () => cluster.fork({ TETHER_SECRET: secret }));
  await Promise.all(workers.map((worker) => new Promise((ready) => worker.once("message", ready))));

  const balancer = createServer({ pauseOnConnect: true }, (socket) => {
    const hash = createHash("sha1").update(socket.remoteAddress ?? "").digest().readUInt32BE(0);
    workers[hash % workers.length]!.send("connection", socket);
  });
  balancer.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
    console.log(`Live at http://127.0.0.1:${(balancer.address() as AddressInfo).port}/counter (${count} workers)`);
  });

  // A process manager's stop: no new connections; each worker tells its tabs to reconnect.
  process.once("SIGTERM", () => {
    balancer.close();
    for (const worker of workers) worker.kill("SIGTERM");
  });
} else {
  const tether = createTether({ routes: { "/counter": Counter }, pubsub: redisAdapter({ prefix: process.env.REDIS_PREFIX }) });
  const server = createHttpServer(async (req, res) => {
    if (await tether.handle(req, res)) return;
    res.writeHead(404).end("Not found");
  });
  tether.attach(server);
  // The primary's connections: this worker's server takes each as if it had accepted it.
  process.on("message", (message: unknown, socket?: Socket) => {
    if (message !== "connection" || socket === undefined) return;
    server.emit("connection", socket);
    socket.resume();
  });
  process.once("SIGTERM", async () => {
    await tether.close();
    server.close(() => process.exit(0));
  });
  process.send!("ready");
}
