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
  /**
   * It closed, for whatever reason (the connection resumes as after any drop, so the reason
   * decides nothing). `opened`: false if it never worked (the cue to try the other one).
   */
  close(opened: boolean): void;
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
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    // Messages still being inflated are delivered first.
    if (queue === null) events.close(opened);
    else queue.finally(() => events.close(opened));
  };
  ws.onclose = finish;
  return {
    send: (text) => ws.send(text),
    // The page gives up on this socket now: over a dead path the closing handshake would wait a minute.
    close: () => {
      ws.close();
      finish();
    },
  };
}

// A Response's body as the stream: a Blob's stream costs about 0.7 ms more per message in
// Chromium (a 4.7 KB patch: 0.1 ms against 0.8 to inflate; bench/method.md).
function inflate(data: ArrayBuffer): Promise<string> {
  return new Response(new Response(data).body!.pipeThrough(new DecompressionStream("deflate-raw"))).text();
}

/** How the long-poll transport is opened once its script has loaded (see longpoll.ts). */
export type OpenLongPoll = (base: string, events: TransportEvents) => Transport;

declare global {
  interface Window {
    /** Set by the long-poll script when it loads. */
    __tetherLongPoll?: OpenLongPoll;
  }
}

/**
 * The long-poll transport is a fallback most pages never need, so it is a script of its own,
 * loaded the first time a WebSocket cannot be opened (or with `?transport=longpoll`).
 */
export function loadLongPoll(base: string): Promise<OpenLongPoll> {
  if (window.__tetherLongPoll) return Promise.resolve(window.__tetherLongPoll);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = `${base}/tether-longpoll.js`;
    // Loaded or not, it is there or it is not; a failed script goes, so a later attempt adds a fresh one.
    script.onload = script.onerror = () => {
      if (window.__tetherLongPoll) return resolve(window.__tetherLongPoll);
      script.remove();
      reject(new Error("the long-poll transport could not be loaded"));
    };
    document.head.appendChild(script);
  });
}
