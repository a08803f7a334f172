/**
 * The server's side of a socket a test opens: the TetherSocket that `open` made the server
 * accept, found by watching the server's list of open sockets while it runs.
 */
import { expect, vi } from "vitest";
import { OpenSockets } from "../../src/server/open-sockets.js";
import type { TetherSocket } from "../../src/server/socket.js";

/** Runs `open` (which opens one socket) and returns what it resolves with, and that socket's server side. */
export async function withServerSocket<T extends object>(open: () => Promise<T>): Promise<T & { socket: TetherSocket }> {
  const seen: TetherSocket[] = [];
  const original = OpenSockets.prototype.add;
  const spy = vi.spyOn(OpenSockets.prototype, "add").mockImplementation(function (this: OpenSockets<TetherSocket>, socket: TetherSocket) {
    seen.push(socket);
    original.call(this, socket);
  });
  try {
    const opened = await open();
    expect(seen).toHaveLength(1);
    return { ...opened, socket: seen[0] };
  } finally {
    spy.mockRestore();
  }
}
