/**
 * `npm run dev` serves the gallery as `npm start` does (PORT and HOST from the environment),
 * under `tether dev`: its pages carry the dev script. A SIGTERM or SIGINT to npm's process alone
 * stops it like `npm start`: the port is freed, no process it started is left, and tabs are told
 * to reconnect (1001).
 *
 * `--ignore-scripts` skips `predev` (the runtime's build, which the other test files read from
 * dist/ meanwhile).
 */
import { afterEach, describe, expect, it } from "vitest";
import { ProtocolClient } from "../support/client.js";
import { findId, waitFor } from "../support/page.js";
import { AppProcess, isListening, isRunning } from "../support/app-process.js";

const apps: AppProcess[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.kill();
});

describe("npm run dev", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`serves the gallery under tether dev, and stops on ${signal} to npm's PID with nothing left`, async () => {
      const app = await AppProcess.start("npm", ["run", "dev", "--ignore-scripts"], { PORT: "0" }, 60_000);
      apps.push(app);
      expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const page = await (await fetch(`${app.url}/counter`)).text();
      expect(page).toContain('<script src="/_tether/dev/client.js" data-base="/_tether"></script>');
      expect(page).toContain('<output id="count">0</output>');
      const tab = await ProtocolClient.connect(app.url);
      const mount = await tab.join("/counter");
      tab.event(findId(mount, "inc"), "click");
      await tab.next((m) => "o" in m); // the server answers: it is live
      const started = app.descendants();
      expect(started.length).toBeGreaterThan(1); // tether dev, and the app's process it runs

      app.signal(signal);
      expect(await tab.closed).toEqual({ code: 1001, reason: "server closing" });
      await app.exited;
      await waitFor(() => started.every((pid) => !isRunning(pid)), 15_000, `no process of ${started.join(", ")} left`);
      expect(await isListening(app.port)).toBe(false);
    });
  }
});
