import { Msg, type ClientMessage, type DevReportMessage, type ServerMessage } from "../src/protocol/wire.js";

/**
 * Development only: what the development runtime records for the devtools (runtime/devtools/),
 * and the latency simulator (`tether.latency(ms)`). Every use in the runtime is under
 * `if (DEV)`, so the production bundle has none of it (test/e2e/devtools.test.ts checks).
 */

/** One message as the page sent or received it: `bytes` is its JSON's length in UTF-8 (before any compression). */
export interface DevEntry {
  out: boolean;
  at: number;
  bytes: number;
  message: ClientMessage | ServerMessage;
}

/** Messages kept for the panel: the newest, up to this many. */
const KEPT = 400;

export const devHooks = {
  /** Milliseconds added to every message, each way. */
  latency: 0,
  log: [] as DevEntry[],
  /** `tether.call` timeouts by call id (the wire does not carry them). */
  callTimeouts: new Map<number, number>(),
  /** Set by the panel: called after each recorded message. */
  changed: null as (() => void) | null,
  /** Set by the connection: sends a message to the session (false while it is not joined). */
  send: null as ((message: ClientMessage) => boolean) | null,
  /** The panel is open: each new connection asks the session for its reports again (another process, a fresh session). */
  watching: false,
  /** The session's newest DevReport: its component tree as the server sent it. */
  report: null as DevReportMessage | null,
  /** Asks the session for its component tree now and after each event (`on`), or no more. */
  watch(on: boolean): void {
    devHooks.watching = on;
    devHooks.send?.({ k: Msg.DevWatch, on });
  },
};

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Records a message (its JSON's length, when known) and tells the panel. */
export function devRecord(out: boolean, message: ClientMessage | ServerMessage, bytes = utf8Length(JSON.stringify(message))): void {
  const log = devHooks.log;
  log.push({ out, at: performance.now(), bytes, message });
  if (log.length > KEPT) log.splice(0, log.length - KEPT);
  devHooks.changed?.();
}

/** A message the page sends: recorded, and sent after the simulated latency (true) or now by the caller (false). */
export function devSent(transport: { send(text: string): void }, message: ClientMessage): boolean {
  const text = JSON.stringify(message);
  devRecord(true, message, utf8Length(text));
  return devDelay(() => transport.send(text));
}

/** A message the page received: recorded, and handled (now, or after the simulated latency); a DevReport only recorded. */
export function devReceived(message: ServerMessage, handle: () => void): boolean {
  // Recorded when the page handles it: a round trip includes the simulated latency both ways.
  if (!devDelay(() => receive(message, handle))) receive(message, handle);
  return true;
}

function receive(message: ServerMessage, handle: () => void): void {
  // A DevReport is the panel's alone: the runtime never sees it.
  if (message.k === Msg.DevReport) devHooks.report = message;
  devRecord(false, message);
  if (message.k === Msg.DevReport) return;
  handle();
  if (devHooks.watching && (message.k === Msg.Mount || message.k === Msg.Resume)) devHooks.watch(true);
}

const waiting: Array<[due: number, run: () => void]> = [];
let timer = 0;

/**
 * Runs `run` after the simulated latency, in order with everything delayed before it (a latency
 * lowered meanwhile never reorders messages). False, and nothing delayed, without a latency.
 */
export function devDelay(run: () => void): boolean {
  if (devHooks.latency <= 0 && waiting.length === 0) return false;
  waiting.push([performance.now() + devHooks.latency, run]);
  if (timer === 0) schedule();
  return true;
}

function schedule(): void {
  timer = window.setTimeout(() => {
    timer = 0;
    while (waiting.length > 0 && waiting[0][0] <= performance.now()) waiting.shift()![1]();
    if (waiting.length > 0) schedule();
  }, Math.max(0, (waiting[0]?.[0] ?? 0) - performance.now()));
}

/** What `tether.devtools()` loads: the panel's script, which sets this. */
declare global {
  interface Window {
    __tetherDevtools?: { open(): void; close(): void; toggle(): void };
    /** The development runtime's records, which the devtools script (a bundle of its own) reads. */
    __tetherDevHooks?: typeof devHooks;
  }
}

/**
 * Adds `tether.latency(ms)` and `tether.devtools()` to the page's `tether`, and the shortcut
 * Alt+Shift+T for the panel, whose script (`tether-devtools.dev.js`) is loaded the first time.
 */
export function devInstall(page: object, base: () => string): void {
  window.__tetherDevHooks = devHooks;
  const dev = page as { latency(ms: number): void; devtools(): Promise<void> };
  dev.latency = (ms) => {
    devHooks.latency = Math.max(0, Number(ms) || 0);
  };
  let loading: Promise<void> | null = null;
  dev.devtools = () => {
    loading ??= new Promise<void>((resolve, reject) => {
      if (window.__tetherDevtools) return resolve();
      const script = document.createElement("script");
      script.src = `${base()}/tether-devtools.dev.js`;
      script.onload = () => resolve();
      script.onerror = () => {
        loading = null;
        script.remove();
        reject(new Error("[tether] the devtools script could not be loaded"));
      };
      document.head.appendChild(script);
    });
    return loading.then(() => window.__tetherDevtools!.open());
  };
  document.addEventListener("keydown", (e) => {
    if (e.altKey && e.shiftKey && e.code === "KeyT") {
      if (window.__tetherDevtools) window.__tetherDevtools.toggle();
      else void dev.devtools();
    }
  });
}
