/**
 * What linked windows' sessions say to each other over pub/sub (see linked-windows.ts), and the
 * check of every one received. Only Tether's own code publishes on these channels (an app's
 * topics live under another prefix, see pubsub/pubsub.ts), but a message may come from another
 * process of another version, or from something else on a shared Redis: one that is not
 * exactly this shape is dropped, never half-read.
 *
 * `f` is the sender's window address; `i` is a session instance: the sender's own (a child's
 * `hello`, `bye` and messages up) or the one it is meant for (everything a parent sends down),
 * so that the session a reloaded child left behind neither speaks nor hears for it.
 */
import type { JsonValue } from "../pubsub/index.js";

export type WindowMessage =
  /** A child's session is here (made for its page, reloaded, or answering a roll call); `t` proves its link. */
  | { k: "hello"; f: string; i: string; p: string; t: string }
  /** A child's session ended. */
  | { k: "bye"; f: string; i: string }
  /** An app's message, up (`emitToParent`) or down (`sendToChild`, `broadcastToChildren`). */
  | { k: "msg"; f: string; i: string; ev: string; d?: JsonValue }
  /** The parent's session ended. */
  | { k: "parent_closed"; f: string; i: string }
  /** The parent asks the child to close its window (`closeChildren`). */
  | { k: "close"; f: string; i: string }
  /** A parent restored from its snapshot asks its children to say hello again. */
  | { k: "roll"; f: string };

/** The channel a window's session hears on (its inbox), and the one its children hear roll calls on. */
export const inboxChannel = (address: string): string => "w:" + address;
export const rollChannel = (address: string): string => "w:r:" + address;

/** Event names the link itself uses: an app's message may not take them. */
export const LINK_EVENTS: readonly string[] = ["child_opened", "child_closed", "parent_closed"];

/** The longest event name of a message between windows (as of a page event). */
const MAX_EVENT = 256;

/** Throws a TypeError unless `event` may name an app's message between windows. */
export function checkWindowEvent(event: unknown): asserts event is string {
  if (typeof event !== "string" || event.length === 0 || event.length > MAX_EVENT) {
    throw new TypeError(`Tether: a window message's event is a string of 1 to ${MAX_EVENT} characters, not ${JSON.stringify(event)}`);
  }
  if (LINK_EVENTS.includes(event)) throw new TypeError(`Tether: "${event}" is an event of the link itself; name your message otherwise`);
}

const isId = (value: unknown): value is string => typeof value === "string" && value.length > 0 && value.length <= 64;

/** The message `value` is, or null if it is not exactly one. */
export function readWindowMessage(value: JsonValue): WindowMessage | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const m = value as Record<string, JsonValue>;
  if (!isId(m.f)) return null;
  switch (m.k) {
    case "roll":
      return { k: "roll", f: m.f };
    case "hello":
      if (!isId(m.i) || typeof m.p !== "string" || m.p.length > 8192 || typeof m.t !== "string" || m.t.length > 512) return null;
      return { k: "hello", f: m.f, i: m.i, p: m.p, t: m.t };
    case "bye":
    case "parent_closed":
    case "close":
      return isId(m.i) ? { k: m.k, f: m.f, i: m.i } : null;
    case "msg": {
      if (!isId(m.i) || typeof m.ev !== "string" || m.ev.length === 0 || m.ev.length > MAX_EVENT || LINK_EVENTS.includes(m.ev)) return null;
      const message: WindowMessage = { k: "msg", f: m.f, i: m.i, ev: m.ev };
      if (m.d !== undefined) message.d = m.d;
      return message;
    }
    default:
      return null;
  }
}
