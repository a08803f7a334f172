/**
 * Preloaded into a bench server by bench/probe/cold-path.ts (`--import`): for every read from
 * a TCP socket, the time until the end of the first write after it (the answer handed to the
 * kernel), on the monotonic clock. Written to `$COLD_PATH_DIR/<pid>.txt` when the process
 * exits, one line a read: the peer's port, then the microseconds.
 */
import net from "node:net";
import { writeFileSync } from "node:fs";

const rows = [];
let readAt = 0n;
const push = net.Socket.prototype.push;
net.Socket.prototype.push = function (chunk, encoding) {
  if (chunk !== null) readAt = process.hrtime.bigint();
  return push.call(this, chunk, encoding);
};
const writeGeneric = net.Socket.prototype._writeGeneric;
net.Socket.prototype._writeGeneric = function (...args) {
  const result = writeGeneric.apply(this, args);
  if (readAt !== 0n) {
    rows.push(`${this.remotePort} ${Number(process.hrtime.bigint() - readAt) / 1000}`);
    readAt = 0n;
  }
  return result;
};
process.on("exit", () => writeFileSync(`${process.env.COLD_PATH_DIR}/${process.pid}.txt`, rows.join("\n") + "\n"));
