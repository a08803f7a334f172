import type { ServerMessage } from "../src/protocol/wire.js";

/** A way to exchange messages with the server: a WebSocket, or HTTP long-poll. */
export interface Transport {
  send(text: string): void;
  /** Closes; `events.close` follows, as when the server or the network closed it. */
  close(): void;
}

export interface TransportEvents {
  open(): void;
  message(message: ServerMessage): void;
  /** `opened`: false if the transport never worked (the cue to try the other one). */
  close(code: number, reason: string, opened: boolean): void;
}

/**
 * A WebSocket. Large server messages arrive as deflate-raw binary frames; they are inflated
 * in order: a message waits for any compressed one before it.
 */
export function openWebSocket(url: string, events: TransportEvents): Transport {
  const ws = new WebSocket(url);
  ws.binaryType = "arraybuffer";
  let opened = false;
  let queue: Promise<void> | null = null;
  const deliver = (text: string) => events.message(JSON.parse(text) as ServerMessage);
  ws.onopen = () => {
    opened = true;
    events.open();
  };
  ws.onmessage = (e) => {
    const data = e.data as string | ArrayBuffer;
    if (typeof data === "string" && queue === null) return deliver(data);
    const step = (queue ?? Promise.resolve()).then(async () => deliver(typeof data === "string" ? data : await inflate(data)));
    queue = step;
    step.then(() => {
      if (queue === step) queue = null;
    }, (error: unknown) => {
      console.error("[tether] could not read a compressed message", error);
      ws.close();
    });
  };
  ws.onclose = (e) => {
    // Messages still being inflated are delivered first.
    if (queue === null) events.close(e.code, e.reason, opened);
    else queue.finally(() => events.close(e.code, e.reason, opened));
  };
  return { send: (text) => ws.send(text), close: () => ws.close() };
}

function inflate(data: ArrayBuffer): Promise<string> {
  return new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).text();
}

/**
 * HTTP long-poll: a GET waits for server messages, POSTs carry the browser's (one JSON per
 * line). Any failed request closes the transport; the connection then resumes as after a
 * dropped WebSocket, so nothing a lost response carried is lost.
 */
export function openLongPoll(base: string, events: TransportEvents): Transport {
  const url = `${base}/poll`;
  const aborter = new AbortController();
  let id: string | null = null;
  let outgoing: string[] = [];
  let posting = false;
  let closed = false;
  let opened = false;

  const fail = (code: number, reason: string) => {
    if (closed) return;
    closed = true;
    aborter.abort();
    events.close(code, reason, opened);
  };

  const flush = async (): Promise<void> => {
    if (posting || closed || outgoing.length === 0) return;
    posting = true;
    const body = outgoing.join("\n");
    outgoing = [];
    try {
      const res = await fetch(id === null ? url : `${url}?c=${id}`, { method: "POST", body, signal: aborter.signal, headers: { "content-type": "text/plain" } });
      if (!res.ok) return fail(4410, `poll POST answered ${res.status}`);
      const answer = (await res.json()) as { c: string };
      if (id === null) {
        id = answer.c;
        opened = true;
        void poll();
      }
    } catch {
      return fail(1006, "poll POST failed");
    } finally {
      posting = false;
    }
    void flush();
  };

  const poll = async (): Promise<void> => {
    while (!closed) {
      try {
        const res = await fetch(`${url}?c=${id}`, { cache: "no-store", signal: aborter.signal });
        const body = (await res.json()) as { m: ServerMessage[]; close?: [number, string] };
        for (const message of body.m) if (!closed) events.message(message);
        if (body.close) return fail(body.close[0], body.close[1]);
        if (!res.ok) return fail(4410, `poll GET answered ${res.status}`);
      } catch {
        return fail(1006, "poll GET failed");
      }
    }
  };

  // Ready to take messages at once: the first POST (the join) opens the connection.
  queueMicrotask(() => events.open());
  return {
    send(text) {
      outgoing.push(text);
      void flush();
    },
    close: () => queueMicrotask(() => fail(1000, "closed by the page")),
  };
}
