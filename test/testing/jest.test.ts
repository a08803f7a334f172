/**
 * The harness under Jest, from the built package: harness.jest.mjs run by Jest (ES modules,
 * `--experimental-vm-modules`, no transform) in a process of its own, which must pass its tests
 * and exit (a timer or socket a view left behind would keep it alive until this test's timeout).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "vitest";

const run = promisify(execFile);
const REPO = fileURLToPath(new URL("../../", import.meta.url));
const JEST = `${REPO}node_modules/jest/bin/jest.js`;
const CONFIG = { rootDir: REPO, testEnvironment: "node", transform: {}, testMatch: ["**/test/testing/harness.jest.mjs"] };

test("a harness test passes under Jest against dist/", async () => {
  if (!existsSync(`${REPO}dist/src/testing/index.js`)) throw new Error("dist/ is not built: run `npm run build` (npm test does it first)");
  const { stderr } = await run(process.execPath, ["--experimental-vm-modules", JEST, "--config", JSON.stringify(CONFIG), "--ci"], { cwd: REPO, timeout: 90_000 });
  // Jest reports on stderr.
  expect(stderr).toMatch(/^Tests: +4 passed, 4 total$/m);
  expect(stderr).not.toMatch(/failed/);
}, 120_000);
