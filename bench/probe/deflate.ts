/**
 * How long compressing a large Mount blocks the event loop (not part of `npm run bench`): a
 * session of examples/table.ts pre-filled with N rows joins an in-memory transport, and its
 * Mount's text is deflated (deflate-raw, one message, as TetherSocket.send does) and gzipped
 * (as a long-poll answer is), synchronously, several times; the median of each is printed.
 * While a synchronous call runs, no other session of the process is served: that is why texts
 * from COMPRESS_OFF_LOOP_FROM (src/server/deflating.ts) are compressed on zlib's thread pool,
 * whose longest stall of the event loop is printed last.
 *   node --conditions tether-source --import tsx bench/probe/deflate.ts [rows]
 */
import { deflateRaw, deflateRawSync, gzipSync } from "node:zlib";
import { html, LiveSession, type Transport } from "../../src/index.js";
import { Table } from "../../examples/table.js";
import { buildRows } from "../servers/table-data.js";

const rows = Number(process.argv[2] ?? 10_000);

class Filled extends Table {
  mount(): void {
    this.rows.set(buildRows(1, rows));
  }
}

let mount = "";
const transport: Transport = { send: (text) => (mount ||= text), close() {} };
const session = new LiveSession("/table", html`<${Filled} />`, { onError: console.error });
await session.ready();
session.attach(transport);
session.end();

const median = (f: () => unknown, runs = 15): number => {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[runs >> 1];
};

const deflated = deflateRawSync(mount).length;
console.log(`${rows} rows: Mount ${(mount.length / 1e6).toFixed(2)} MB of text, ${(deflated / 1e3).toFixed(0)} KB deflated`);
console.log(`deflateRawSync: ${median(() => deflateRawSync(mount)).toFixed(1)} ms blocking (median of 15)`);
console.log(`gzipSync:       ${median(() => gzipSync(mount)).toFixed(1)} ms blocking (median of 15)`);
console.log(`JSON.parse of the Mount, for scale: ${median(() => JSON.parse(mount)).toFixed(1)} ms`);

// The event loop's longest gap between turns while the same deflation runs on the pool.
let longest = 0;
let last = performance.now();
let running = true;
const tick = (): void => {
  const now = performance.now();
  longest = Math.max(longest, now - last);
  last = now;
  if (running) setImmediate(tick);
};
setImmediate(tick);
await new Promise((resolve) => deflateRaw(mount, resolve));
running = false;
console.log(`deflateRaw (thread pool): the event loop's longest stall meanwhile ${longest.toFixed(1)} ms`);
