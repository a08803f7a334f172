/** ClientConnections (client-connections.ts): open connections counted by client address, capped per address. */
import { describe, expect, it } from "vitest";
import { ClientConnections } from "../../src/server/client-connections.js";

describe("ClientConnections", () => {
  it("admits an address until it has the most connections allowed; each address is counted on its own", () => {
    const clients = new ClientConnections(2);
    const a = [clients.open("a"), clients.open("a")];
    expect(a[0]).toBe(a[1]); // one record per address, shared by its connections
    expect(clients.admits("a")).toBe(false);
    expect(clients.admits("b")).toBe(true);
    expect(clients.count("a")).toBe(2);
  });

  it("a closed connection frees its place; an address with none open is forgotten", () => {
    const clients = new ClientConnections(1);
    const record = clients.open("a");
    clients.close(record);
    expect(clients.count("a")).toBe(0);
    expect(clients.admits("a")).toBe(true);
    expect((clients as unknown as { byAddress: Map<string, unknown> }).byAddress.size).toBe(0);
  });
});
