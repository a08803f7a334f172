/**
 * Helpers for driving executeJs and the bridge with a ProtocolClient playing the browser.
 */
import { tokenFor } from "./page-token.js";
import { Msg, PROTOCOL_VERSION, type ExecMessage, type InvokeMessage, type MountMessage, type ServerMessage } from "../../src/protocol/wire.js";
import type { ProtocolClient } from "./client.js";

/**
 * The first message from index `from` on that passes `test`: one already received, or the
 * next to come. (Several frames can arrive in one chunk, before a test gets to wait.)
 */
export function message<M extends ServerMessage = ServerMessage>(
  client: ProtocolClient,
  test: (m: ServerMessage) => boolean,
  from = 0,
  timeout = 5000,
): Promise<M> {
  for (let i = from; i < client.received.length; i++) if (test(client.received[i])) return Promise.resolve(client.received[i] as M);
  return client.next(test, timeout) as Promise<M>;
}

/** The Exec (or Invoke) with id `id`, or the first one if `id` is omitted. */
export function request(client: ProtocolClient, id?: number, from = 0): Promise<ExecMessage | InvokeMessage> {
  return message(client, (m) => (m.k === Msg.Exec || m.k === Msg.Invoke) && (id === undefined || m.id === id), from);
}

/** Answers a request as the page would. */
export function answer(client: ProtocolClient, id: number, value?: unknown): void {
  client.send(value === undefined ? { k: Msg.Result, id, ok: true } : { k: Msg.Result, id, ok: true, v: value });
}

/** Answers a request with an error, as the page would. */
export function answerError(client: ProtocolClient, id: number, name: string, text: string, stack?: string): void {
  client.send({ k: Msg.Result, id, ok: false, err: stack === undefined ? { name, message: text } : { name, message: text, stack } });
}

/**
 * Joins session `sid` again after a dropped connection, the way the runtime does: with the
 * resume token of the last Mount when the server hands one out, claiming to have applied
 * only up to that Mount (so whatever came after it must come again). Resolves with the
 * server's first answer (a Mount, or a Resume followed by the missed messages).
 */
export async function rejoin(client: ProtocolClient, path: string, mount: MountMessage): Promise<ServerMessage> {
  const token = (mount as MountMessage & { rt?: string }).rt;
  const join: Record<string, unknown> = { k: Msg.Join, v: PROTOCOL_VERSION, sid: mount.sid, path, t: tokenFor(mount.sid) ?? mount.tk };
  if (token !== undefined) Object.assign(join, { rt: token, s: mount.s });
  client.send(join);
  return message(client, (m) => m.k === Msg.Mount || m.k === (Msg as Record<string, number>).Resume || m.k === Msg.Error);
}

/** Resolves when `condition` holds, polling every few milliseconds; rejects after `timeout`. */
export async function until(condition: () => boolean, what: string, timeout = 3000): Promise<void> {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Resolves with what a promise settled with, to assert on rejections by value. */
export function outcome(p: Promise<unknown>): Promise<{ ok: boolean; value: unknown }> {
  return p.then((value) => ({ ok: true, value }), (value: unknown) => ({ ok: false, value }));
}
