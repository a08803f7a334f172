import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server } from "node:http";
import { afterEach, expect, test } from "vitest";
import { IslandsBundle } from "../../src/server/islands-bundle.js";

let server: Server | undefined;
let dir: string | undefined;
afterEach(() => {
  server?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  server = dir = undefined;
});

async function serveBundle(bundle: IslandsBundle): Promise<string> {
  server = createServer((req, res) => void bundle.handle(req, res));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return `http://127.0.0.1:${address.port}/_tether/islands.js`;
}

function folder(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), "islands-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test("every module of the folder is registered under its file name; tests and declarations are not islands", async () => {
  const bundle = new IslandsBundle(folder({ "chart.ts": "export default { mount() {} };", "date-picker.js": "export default { mount() {} };", "chart.test.ts": "", "types.d.ts": "", "notes.md": "" }), false, () => {});
  expect(bundle.islands().map((i) => i.name)).toEqual(["chart", "date-picker"]);
  const response = await fetch(await serveBundle(bundle));
  expect(response.status).toBe(200);
  const code = await response.text();
  // Minified: `islands.chart`, `islands["date-picker"]`.
  expect(code).toMatch(/window\.tether\.islands\.chart=/);
  expect(code).toMatch(/window\.tether\.islands\["date-picker"\]=/);
  const again = await fetch(response.url, { headers: { "if-none-match": response.headers.get("etag")! } });
  expect(again.status).toBe(304);
});

test("a module that does not build: a 500 whose script says why in the console, reported to onError; fixed, it builds", async () => {
  const errors: string[] = [];
  const path = folder({ "broken.ts": "export default {" });
  const bundle = new IslandsBundle(path, true, (e, where) => void errors.push(`${where}: ${String(e)}`));
  const url = await serveBundle(bundle);
  const response = await fetch(url);
  expect(response.status).toBe(500);
  expect(await response.text()).toMatch(/^console\.error\("\[tether\] the islands bundle failed to build: /);
  expect(errors[0]).toMatch(/^the islands bundle: /);
  writeFileSync(join(path, "broken.ts"), "export default { mount() {} };");
  expect((await fetch(url)).status).toBe(200);
});

test("under dev, a changed module is bundled again", async () => {
  const path = folder({ "a.ts": 'export default { mount(el) { el.textContent = "one"; } };' });
  const url = await serveBundle(new IslandsBundle(path, true, () => {}));
  expect(await (await fetch(url)).text()).toContain('"one"');
  writeFileSync(join(path, "a.ts"), 'export default { mount(el) { el.textContent = "two"; } };');
  utimesSync(join(path, "a.ts"), new Date(), new Date(Date.now() + 5000));
  expect(await (await fetch(url)).text()).toContain('"two"');
});

test("a file name that is no island name is refused, naming the file", () => {
  const bundle = new IslandsBundle(folder({ "my chart.ts": "" }), false, () => {});
  expect(() => bundle.islands()).toThrow(/my chart\.ts needs a name/);
});
