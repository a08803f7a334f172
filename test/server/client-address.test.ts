/** clientAddress (client-address.ts): the socket's peer, or X-Forwarded-For's first entry with trustProxy only. */
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress } from "../../src/server/client-address.js";

const request = (headers: Record<string, string>) => ({ headers, socket: { remoteAddress: "127.0.0.1" } }) as unknown as IncomingMessage;

describe("clientAddress", () => {
  it("is the socket's peer unless a trusted proxy says otherwise", () => {
    expect(clientAddress(request({}), false)).toBe("127.0.0.1");
    expect(clientAddress(request({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }), false)).toBe("127.0.0.1");
    expect(clientAddress(request({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }), true)).toBe("203.0.113.7");
    expect(clientAddress(request({ "x-forwarded-for": "" }), true)).toBe("127.0.0.1");
  });
});
