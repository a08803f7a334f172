/** The header of a refusal for too many connections: a client may try again this many seconds later. */
export const TRY_AGAIN = { "retry-after": "5" } as const;

/** One client address's open connections: shared by them, it is what the cap counts. */
export interface ClientRecord {
  readonly address: string;
  connections: number;
}

/**
 * The open connections of a server (WebSocket and long-poll) by client address (see
 * clientAddress), capped per address. A connection holds its address's record (one field),
 * and gives it back when it closes; an address with none open is forgotten.
 */
export class ClientConnections {
  private readonly byAddress = new Map<string, ClientRecord>();
  private readonly max: number;

  constructor(maxPerClient: number) {
    this.max = maxPerClient;
  }

  /** True if `address` may open one more connection. */
  admits(address: string): boolean {
    return (this.byAddress.get(address)?.connections ?? 0) < this.max;
  }

  /** Counts a connection of `address` (which `admits` allowed) and returns the record it holds. */
  open(address: string): ClientRecord {
    let record = this.byAddress.get(address);
    if (record === undefined) this.byAddress.set(address, (record = { address, connections: 0 }));
    record.connections++;
    return record;
  }

  /** A connection that held `record` closed. */
  close(record: ClientRecord): void {
    if (--record.connections === 0 && this.byAddress.get(record.address) === record) this.byAddress.delete(record.address);
  }

  /** Open connections of `address`. */
  count(address: string): number {
    return this.byAddress.get(address)?.connections ?? 0;
  }
}
