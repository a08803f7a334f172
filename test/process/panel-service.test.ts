/**
 * examples/panel/service.ts run as the README says: a service of its own on node:http with the
 * tool panel attached. The service answers as before, the panel's page is served at /_panel to
 * this machine, its WebSocket is open, and a SIGTERM closes both (the socket told to reconnect).
 */
import { afterEach, expect, it } from "vitest";
import { ProtocolClient } from "../support/client.js";
import { AppProcess, isListening } from "../support/app-process.js";

const apps: AppProcess[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.kill();
});

it("serves the service and its panel, and stops on SIGTERM", async () => {
  const app = await AppProcess.start("node", ["--conditions=tether-source", "--import", "tsx", "examples/panel/service.ts"], { PORT: "0" });
  apps.push(app);
  expect(await (await fetch(`${app.url}/anything`)).text()).toBe("The service answers as before.\n");
  const panel = await fetch(`${app.url}/_panel`);
  expect(panel.status).toBe(200);
  expect(await panel.text()).toContain("<h1>Tool panel</h1>");
  const tab = await ProtocolClient.connect(app.url); // a socket of the panel's (its Mount, compressed, is the e2e test's)
  app.signal("SIGTERM");
  expect((await tab.closed).code).toBe(1001);
  expect(await app.exited).toEqual({ code: 0, signal: null });
  expect(await isListening(app.port)).toBe(false);
});
