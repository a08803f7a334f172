/**
 * Offered downloads over real HTTP: a file too large for a link, a file on disk and a stream
 * are served as attachments from the session's offers, byte for byte; a new file withdraws the
 * old offer, a session's end withdraws all of its own; unknown tokens, types that could run as a
 * page and a session's flood of offers are answered safely.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { Component, html } from "../../src/index.js";
import { Download } from "../../components/index.js";
import { Downloads, MAX_OFFERS_PER_SESSION } from "../../src/server/downloads.js";
import { Msg, type PatchMessage } from "../../src/protocol/wire.js";
import { useSessionServer } from "../support/session-server.js";
import { nodeId } from "../support/transports.js";

const dir = mkdtempSync(join(tmpdir(), "tether-downloads-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const big = randomBytes(600 * 1024); // over what a link holds inline
const onDisk = join(dir, "log.txt");
const diskBytes = randomBytes(3 << 20);
writeFileSync(onDisk, diskBytes);

async function* counting(): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < 100; i++) yield new TextEncoder().encode(`line ${i}\n`);
}

class Files extends Component<{}, { version: number }> {
  state = { version: 1 };
  next() {
    this.setState({ version: this.state.version + 1 });
  }
  render() {
    const content = this.state.version === 1 ? big : Buffer.concat([big, Buffer.from("v2")]);
    return html`<div>
      <${Download} id="big" filename="big.bin" content=${content} />
      <${Download} id="disk" filename="journal é.txt" path=${onDisk} type="text/plain" />
      <${Download} id="stream" filename="lines.txt" stream=${counting} type="text/plain" />
      <${Download} id="page" filename="x.html" content=${"<script>alert(1)</script>".repeat(30_000)} type="text/html" />
      <button id="next" onClick=${this.next}>next</button>
    </div>`;
  }
}

const s = useSessionServer({ routes: { "/": Files } });

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
/** Each download link's href by its id, in a page's HTML or a Mount's JSON. */
const hrefs = (text: string) => Object.fromEntries([...text.matchAll(/"?id"?[=:]"(\w+)",?\s?"?href"?[=:]"([^"]+)"/g)].map((m) => [m[1], m[2]]));

async function get(path: string): Promise<Response> {
  return fetch(`${s.server.url}${path}`);
}

describe("offered downloads", () => {
  test("a large file, a file on disk and a stream arrive whole, as attachments", async () => {
    await s.start();
    const links = hrefs(await (await get("/")).text());
    expect(links.big).toMatch(/^\/_tether\/download\/[\w-]{32}\/big\.bin$/);

    const bigAnswer = await get(links.big);
    expect(bigAnswer.headers.get("content-disposition")).toBe(`attachment; filename="big.bin"; filename*=UTF-8''big.bin`);
    expect(bigAnswer.headers.get("content-type")).toBe("application/octet-stream");
    expect(bigAnswer.headers.get("x-content-type-options")).toBe("nosniff");
    expect(sha(new Uint8Array(await bigAnswer.arrayBuffer()))).toBe(sha(big));

    const disk = await get(links.disk);
    expect(disk.headers.get("content-length")).toBe(String(diskBytes.byteLength));
    expect(disk.headers.get("content-disposition")).toBe(`attachment; filename="journal _.txt"; filename*=UTF-8''journal%20%C3%A9.txt`);
    expect(sha(new Uint8Array(await disk.arrayBuffer()))).toBe(sha(diskBytes));

    expect(await (await get(links.stream)).text()).toBe(Array.from({ length: 100 }, (_, i) => `line ${i}\n`).join(""));
    // A type a browser would run as a page is sent as bytes.
    expect((await get(links.page)).headers.get("content-type")).toBe("application/octet-stream");
  });

  test("a new file withdraws the old offer; the session's end withdraws every offer", async () => {
    await s.start();
    const { c, mount } = await s.open("/");
    const first = hrefs(JSON.stringify(mount.t));
    expect((await get(first.big)).status).toBe(200);
    c.event(nodeId(mount, "next"), "click");
    const patch = (await c.first((m) => m.k === Msg.Patch)) as PatchMessage;
    const replaced = patch.o.find((op) => op[2] === "href")?.[3] as string;
    expect(replaced).toMatch(/^\/_tether\/download\//);
    expect(replaced).not.toBe(first.big);
    expect((await get(first.big)).status).toBe(404);
    const changed = new Uint8Array(await (await get(replaced)).arrayBuffer());
    expect(Buffer.from(changed.subarray(-2)).toString()).toBe("v2");

    s.server.tether.sessions.get(mount.sid)!.end();
    expect((await get(replaced)).status).toBe(404);
    expect((await get(first.disk)).status).toBe(404);
  });

  test("an unknown token is a 404 that names no file", async () => {
    await s.start();
    const answer = await get("/_tether/download/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/secret.txt");
    expect(answer.status).toBe(404);
    expect(await answer.text()).not.toContain("secret");
  });
});

describe("Downloads", () => {
  test("a session's offers beyond the limit withdraw its oldest; other sessions keep theirs", () => {
    const downloads = new Downloads("/_tether", () => {});
    const other = downloads.offer("b", { filename: "b.txt", content: "b" });
    const urls = Array.from({ length: MAX_OFFERS_PER_SESSION + 5 }, (_, i) => downloads.offer("a", { filename: `${i}.txt`, content: "x" }));
    expect(downloads.size).toBe(MAX_OFFERS_PER_SESSION + 1);
    downloads.endSession("a");
    expect(downloads.size).toBe(1);
    downloads.withdraw(other);
    downloads.withdraw(urls[0]); // already gone: nothing
    expect(downloads.size).toBe(0);
  });

  test("an offer without a name or without bytes is refused at once", () => {
    const downloads = new Downloads("/_tether", () => {});
    expect(() => downloads.offer("a", { filename: "", content: "x" })).toThrow(/filename/);
    expect(() => downloads.offer("a", { filename: "f" } as never)).toThrow(/content, a path or a stream/);
  });
});
