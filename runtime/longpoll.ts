import type { ServerMessage } from "../src/protocol/wire.js";
import type { Transport, TransportEvents } from "./transport.js";

/**
 * HTTP long-poll: a GET waits for server messages, POSTs carry the browser's (one JSON per
 * line). Any failed request closes the transport; the connection then resumes as after a
 * dropped WebSocket, so nothing a lost response carried is lost.
 */
export function openLongPoll(base: string, events: TransportEvents): Transport {
  const url = `${base}/poll`;
  const aborter = new AbortController();
  let id: string | null = null;
  // The key the server gave this connection with its id: every later request shows it, so the id alone (in URLs, in logs) is not enough.
  let key = "";
  let outgoing: string[] = [];
  let posting = false;
  let closed = false;
  let opened = false;

  const fail = () => {
    if (closed) return;
    closed = true;
    aborter.abort();
    events.close(opened);
  };

  const flush = async (): Promise<void> => {
    if (posting || closed || outgoing.length === 0) return;
    posting = true;
    const body = outgoing.join("\n");
    outgoing = [];
    try {
      const res = await fetch(id === null ? url : `${url}?c=${id}`, { method: "POST", body, signal: aborter.signal, headers: { "content-type": "text/plain", "x-tether-key": key } });
      if (!res.ok) return fail();
      const answer = (await res.json()) as { c: string; k: string };
      if (id === null) {
        id = answer.c;
        key = answer.k;
        opened = true;
        void poll();
      }
    } catch {
      return fail();
    } finally {
      posting = false;
    }
    void flush();
  };

  const poll = async (): Promise<void> => {
    while (!closed) {
      try {
        const res = await fetch(`${url}?c=${id}`, { cache: "no-store", signal: aborter.signal, headers: { "x-tether-key": key } });
        // `close`: the server ended this connection (with a code and reason it logs).
        const body = (await res.json()) as { m: ServerMessage[]; close?: [number, string] };
        for (const message of body.m) if (!closed) events.message(message);
        if (body.close || !res.ok) return fail();
      } catch {
        return fail();
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
    close: () => queueMicrotask(fail),
  };
}

window.__tetherLongPoll = openLongPoll;
