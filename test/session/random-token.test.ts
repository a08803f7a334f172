import { describe, expect, it } from "vitest";
import { randomToken } from "../../src/session/random-token.js";

describe("randomToken", () => {
  it("gives base64url text of the asked length, never the same twice, across pool refills", () => {
    const tokens = Array.from({ length: 2_000 }, (_, i) => randomToken(i % 2 === 0 ? 18 : 12)); // ~30 KB: several pools
    for (let i = 0; i < tokens.length; i++) {
      expect(tokens[i]).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(tokens[i]).toHaveLength(i % 2 === 0 ? 24 : 16);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("spreads its bytes evenly (each base64url character about equally often)", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4_000; i++) for (const c of randomToken(18)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(64);
    // 96,000 characters over 64 symbols: 1,500 each on average; a stuck or reused pool would skew it far.
    for (const n of counts.values()) expect(Math.abs(n - 1_500)).toBeLessThan(250);
  });

  it("refuses a token larger than its pool", () => {
    expect(() => randomToken(5_000)).toThrow(RangeError);
  });
});
