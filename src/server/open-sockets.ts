/**
 * What a socket of the list carries: its neighbours, and its server's list (TetherSocket
 * in socket.ts; named by its shape here, so that the list and the socket import nothing of each other).
 */
export interface ListedSocket<S> {
  prev: S | null;
  next: S | null;
  readonly host: { readonly sockets: unknown };
}

/** The open sockets of one server (for the heartbeat and shutdown), linked through the sockets themselves. */
export class OpenSockets<S extends ListedSocket<S>> {
  private head: S | null = null;
  size = 0;
  /** Who waits for the list to empty (a server that stops, see `emptied`). */
  private onEmpty: (() => void) | null = null;

  add(socket: S): void {
    socket.prev = null;
    socket.next = this.head;
    if (this.head !== null) this.head.prev = socket;
    this.head = socket;
    this.size++;
  }

  /** True if `socket` is in this list: it is one of this server's sockets, and first or after another. */
  has(socket: S): boolean {
    return socket.host.sockets === this && (socket.prev !== null || this.head === socket);
  }

  delete(socket: S): void {
    if (!this.has(socket)) return;
    if (socket.prev !== null) socket.prev.next = socket.next;
    else this.head = socket.next;
    if (socket.next !== null) socket.next.prev = socket.prev;
    socket.prev = socket.next = null;
    if (--this.size === 0) this.onEmpty?.();
  }

  /** Resolves once no socket is open, or after `ms` milliseconds, whichever comes first. */
  emptied(ms: number): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const list = this;
      function done(): void {
        clearTimeout(timer);
        list.onEmpty = null;
        resolve();
      }
      this.onEmpty = done;
    });
  }

  /** Calls `visit` on every open socket; `visit` may close the one it is given. */
  forEach(visit: (socket: S) => void): void {
    for (let socket = this.head; socket !== null; ) {
      const next = socket.next;
      visit(socket);
      socket = next;
    }
  }
}
