import { Msg, RESERVED_PREFIX, type PatchOp } from "../protocol/wire.js";
import type { WireTap } from "./network.js";
import type { ExecutedJs, PageMock } from "./page-mock.js";

/**
 * What a view reads off its wire, both ways (the network's WireTap): the page's events the
 * server has not answered yet (what `settled()` waits for), the ops of the patches since the
 * last action began (`lastPatch()`), what `emit` sent (`page.events`), and the `executeJs`
 * requests, rewritten so that the code the runtime runs asks the page mock for the answer.
 */
export class Traffic implements WireTap {
  /** Events and page events sent and not answered yet, by sequence number. */
  readonly unanswered = new Set<number>();
  /** The ops of the patches since `clearOps()`, decoded from the wire. */
  ops: PatchOp[] = [];
  /** Exec requests by id, as the server sent them (the page mock answers them). */
  readonly #execs = new Map<number, ExecutedJs>();
  readonly #page: PageMock;
  readonly #fail: (error: Error) => void;

  constructor(page: PageMock, fail: (error: Error) => void) {
    this.#page = page;
    this.#fail = fail;
  }

  fromPage(text: string): void {
    const message = JSON.parse(text) as { k: number; e?: number };
    if ((message.k === Msg.Event || message.k === Msg.Send) && message.e !== undefined) this.unanswered.add(message.e);
  }

  fromServer(text: string): string {
    const message = JSON.parse(text) as { k: number; a?: number; o?: PatchOp[]; id?: number; c?: string; ev?: string; p?: unknown };
    switch (message.k) {
      case Msg.Mount:
        // A fresh mount: the runtime drops the events the old tree's nodes sent, and sends its page events again.
        this.unanswered.clear();
        break;
      case Msg.Patch:
        for (const op of message.o!) this.ops.push(op);
        break;
      case Msg.Emit:
        // Tether's own page events (live navigation's) are for its scripts, not the app's.
        if (!message.ev!.startsWith(RESERVED_PREFIX)) this.#page.events.push({ event: message.ev!, payload: message.p });
        break;
      case Msg.Exec: {
        // The runtime runs it as it would, but the code it runs asks the page mock for the answer.
        const exec = message as { id: number; c: string; a?: Record<string, unknown> };
        this.#execs.set(exec.id, { code: exec.c, args: exec.a ?? {} });
        return JSON.stringify({ ...message, c: `return __tetherTest.exec(${exec.id})` });
      }
    }
    if (message.a !== undefined) for (const e of this.unanswered) if (e <= message.a) this.unanswered.delete(e);
    return text;
  }

  failed(error: unknown): void {
    this.#fail(error instanceof Error ? error : new Error(String(error)));
  }

  /** What the page's `__tetherTest.exec(id)` runs: the page mock's answer to Exec `id`. */
  exec(id: number): unknown {
    return this.#page.execute(this.#execs.get(id) ?? { code: "", args: {} });
  }
}
