/**
 * An existing service with the tool panel attached: its own node:http server answers its own
 * requests, and the panel is at /_panel (this machine only, or with `?token=$PANEL_TOKEN`).
 * `node --conditions=tether-source --import tsx examples/panel/service.ts` in this repository (an
 * app of yours: `node --import tsx service.ts`); PORT and HOST as for the gallery.
 */
import { createServer } from "node:http";
import { attachPanel } from "./attach.js";

const server = createServer((req, res) => {
  console.log(`${req.method} ${req.url}`);
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end("The service answers as before.\n");
});
const panel = attachPanel(server, { token: process.env.PANEL_TOKEN });
// Stopping: the panel's tabs are told to reconnect, then the service closes.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void panel.close().then(() => server.close(() => process.exit(0)));
  });
}
server.listen(Number(process.env.PORT ?? 3001), process.env.HOST ?? "127.0.0.1", () => {
  const { address, port } = server.address() as { address: string; port: number };
  console.log(`Service at http://${address}:${port}/ with its panel at http://${address}:${port}/_panel`);
});
