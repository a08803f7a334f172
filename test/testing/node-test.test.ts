/**
 * The harness under `node --test`, from the built package: node-test.fixture.mjs run by
 * node's own runner in a process of its own, which must pass its tests (navigation and an
 * upload among them, live navigation's script read from dist/) and exit (a timer or socket a
 * view left behind would keep it alive until this test's timeout).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "vitest";

const run = promisify(execFile);
const FIXTURE = fileURLToPath(new URL("./node-test.fixture.mjs", import.meta.url));
const REPO = fileURLToPath(new URL("../../", import.meta.url));

test("a harness test passes under node --test against dist/", async () => {
  if (!existsSync(`${REPO}dist/src/testing/index.js`)) throw new Error("dist/ is not built: run `npm run build` (npm test does it first)");
  const { stdout } = await run(process.execPath, ["--test", "--test-reporter=tap", FIXTURE], { cwd: REPO, timeout: 60_000 });
  expect(stdout).toMatch(/^# pass 4$/m);
  expect(stdout).toMatch(/^# fail 0$/m);
});
