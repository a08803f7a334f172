import { ErrorCodes, Msg, type ErrorCode } from "../protocol/wire.js";
import { SessionClose, type Channel } from "./channel.js";
import type { EventSequence } from "./event-sequence.js";

/**
 * Takes a numbered event (a DOM event, a page event) for applying; false if it was applied
 * before (the browser re-sent it after a reconnect), which is acknowledged again, costs no token
 * and is not applied twice, or if it is part of a flood, which the page sends again when it
 * rejoins.
 *
 * Each taken event spends a token of the session's rate limit (spendToken). Past the rate nothing is refused:
 * the tab's connection is read more slowly until the bucket has refilled, so what it sends waits
 * in the network and is applied later, in order. Only a flood closes the connection (1008;
 * `refuse` tells the page why first).
 */
export function admitEvent(events: EventSequence, channel: Channel, e: number, refuse: Refuse): boolean {
  if (events.isRepeat(e)) {
    channel.send({ k: Msg.Reply, a: events.answered });
    return false;
  }
  if (!spendToken(events, channel, refuse)) return false;
  events.receive(e);
  return true;
}

/** Spends a token for a message the session answers (an event, a call, a ping; not an Ack or a Result); false if it is part of a flood. */
export function spendToken(events: EventSequence, channel: Channel, refuse: Refuse): boolean {
  const wait = events.spend();
  if (wait === 0) return true;
  const transport = channel.transport;
  if (!events.flooded) {
    transport?.pauseReading?.(wait);
    return true;
  }
  refuse.sendError(ErrorCodes.RateLimited, "a flood of events far beyond the rate limit: the connection is closed");
  transport?.close(SessionClose.Flood, "a flood of events");
  return false;
}

/** Who tells the page why a flood closes its connection: the session. */
interface Refuse {
  sendError(code: ErrorCode, message: string): void;
}
