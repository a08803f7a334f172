/**
 * The page bridge (runtime/bridge.ts) driven in Node: a fake of what the runtime gives it, and
 * a join as a Mount makes one.
 */
import type { Bridge } from "../../runtime/bridge.js";
import { Msg, type ClientMessage, type ResultMessage, type SendMessage } from "../../src/protocol/wire.js";

/**
 * What the runtime gives the bridge: send when connected, number page events (both the
 * `nextSeq` and the `sendNumbered` shape of that, so the test does not depend on which).
 */
export class FakeTransport {
  sent: ClientMessage[] = [];
  connected = false;
  private seq = 0;
  private waiters: Array<{ test: (m: ClientMessage) => boolean; resolve: (m: ClientMessage) => void }> = [];
  send(m: ClientMessage): boolean {
    if (!this.connected) return false;
    this.sent.push(m);
    this.waiters = this.waiters.filter((w) => (w.test(m) ? (w.resolve(m), false) : true));
    return true;
  }
  nextSeq(): number {
    return ++this.seq;
  }
  /** Numbers a page event and sends it (the runtime also keeps it until answered; not modelled here). */
  sendNumbered(m: SendMessage): number {
    m.e = ++this.seq;
    this.send(m);
    return m.e;
  }
  /** The first sent message (already or later) passing `test`. */
  wait<M extends ClientMessage>(test: (m: ClientMessage) => boolean): Promise<M> {
    const found = this.sent.find(test);
    if (found) return Promise.resolve(found as M);
    return new Promise((resolve) => this.waiters.push({ test, resolve: resolve as (m: ClientMessage) => void }));
  }
  result(id: number): Promise<ResultMessage> {
    return this.wait((m) => m.k === Msg.Result && m.id === id);
  }
}

/** Joins as a Mount does, with the namespaces (`b`) and methods (`m`) it announces. */
export function joinBridge(bridge: Bridge, transport: FakeTransport, namespaces?: string[], methods: string[] = []): void {
  transport.connected = true;
  bridge.joined({ k: Msg.Mount, s: 1, v: 1, sid: "sid", id: 1, t: [], rt: "rt", tk: "tk", hb: [15_000, 10_000], a: 0, mx: 1 << 20, ...(namespaces && { b: namespaces }), m: methods });
}
