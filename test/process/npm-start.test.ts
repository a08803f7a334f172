/**
 * `npm start` stops cleanly: a SIGTERM (a process manager's stop, `kill <pid>`) or a SIGINT
 * (Ctrl-C) sent to the npm process alone leaves no process behind and frees the port, and the
 * tabs connected are told the server is going away (1001), the close they reconnect after.
 *
 * `--ignore-scripts` skips `prestart` (the runtime's build, which the other test files read
 * from dist/ meanwhile); the start script itself runs as a user's `npm start` runs it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ProtocolClient } from "../support/client.js";
import { findId, waitFor } from "../support/page.js";
import { AppProcess, isListening, isRunning } from "../support/app-process.js";

const apps: AppProcess[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.kill();
});

describe("npm start", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`stops on ${signal} to npm's PID: the port is freed, no process it started is left, tabs are told to reconnect`, async () => {
      const app = await AppProcess.start("npm", ["start", "--ignore-scripts"], { PORT: "0" });
      apps.push(app);
      expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const tab = await ProtocolClient.connect(app.url);
      const mount = await tab.join("/counter");
      tab.event(findId(mount, "inc"), "click");
      await tab.next((m) => "o" in m); // the server answers: it is live
      const started = app.descendants();
      expect(started.length).toBeGreaterThan(0);

      app.signal(signal);
      expect(await tab.closed).toEqual({ code: 1001, reason: "server closing" });
      // Ended by the signal, as without Tether: Node's default, which the server's close went before.
      expect(await app.exited).toEqual({ code: null, signal });
      await waitFor(() => started.every((pid) => !isRunning(pid)), 10_000, `no process of ${started.join(", ")} left`);
      expect(await isListening(app.port)).toBe(false);
    });
  }
});
