import type { ChildProcess } from "node:child_process";
import type { SnapshotStore } from "../pubsub/adapter.js";
import { MemorySnapshots } from "../pubsub/memory-adapter.js";

/** What the app's process asks of `tether dev`'s over their IPC channel. */
type Request =
  | { tether: "snapshot"; op: "save"; id: string; snapshot: string; ttl: number }
  | { tether: "snapshot"; op: "load"; id: string; ask: number }
  | { tether: "snapshot"; op: "delete"; id: string };

/** The answer to a load. */
interface Answer {
  tether: "snapshot";
  ask: number;
  snapshot: string | null;
}

/**
 * Session snapshots that outlive the app's process under `tether dev`: the app's process (the
 * worker) keeps them in the `tether dev` process, which a restart does not end. Its sessions are
 * saved when it closes for a restart, and a tab reconnecting to the next process resumes its
 * session there, state and all, as after a failover in production (server/session-snapshots.ts).
 */
export class RelayedSnapshots implements SnapshotStore {
  private asked = 0;
  private readonly waiting = new Map<number, (snapshot: string | null) => void>();
  private readonly parent: NodeJS.Process;

  constructor(parent: NodeJS.Process) {
    this.parent = parent;
    parent.on("message", (message: Answer) => {
      if (message?.tether !== "snapshot") return;
      this.waiting.get(message.ask)?.(message.snapshot);
      this.waiting.delete(message.ask);
    });
    // The channel must not keep the app's process alive when the app has ended.
    parent.channel?.unref();
  }

  /** Resolves once the snapshot is handed to the channel: a process that exits after close() loses none. */
  save(id: string, snapshot: string, ttl: number): Promise<void> {
    return this.send({ tether: "snapshot", op: "save", id, snapshot, ttl });
  }

  load(id: string): Promise<string | null> {
    const ask = ++this.asked;
    return new Promise((resolve) => {
      this.waiting.set(ask, resolve);
      this.send({ tether: "snapshot", op: "load", id, ask }).catch(() => {
        this.waiting.delete(ask);
        resolve(null);
      });
    });
  }

  delete(id: string): Promise<void> {
    return this.send({ tether: "snapshot", op: "delete", id });
  }

  private send(request: Request): Promise<void> {
    return new Promise((resolve, reject) => this.parent.send!(request, undefined, undefined, (error) => (error ? reject(error) : resolve())));
  }
}

/** The `tether dev` process's end: keeps the snapshots its app processes save, across their restarts. */
export function keepSnapshotsFor(children: () => ChildProcess): (message: unknown) => void {
  const store = new MemorySnapshots();
  return (message) => {
    const request = message as Request;
    if (request?.tether !== "snapshot") return;
    if (request.op === "save") void store.save(request.id, request.snapshot, request.ttl);
    else if (request.op === "delete") void store.delete(request.id);
    else void store.load(request.id).then((snapshot) => children().send({ tether: "snapshot", ask: request.ask, snapshot } satisfies Answer));
  };
}
