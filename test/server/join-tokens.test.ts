/**
 * Join tokens (join-tokens.ts): what one server signs, it verifies until the token expires, and
 * nothing else verifies: not another key's token, not a changed claim, not a changed MAC, not
 * malformed text. The identity travels as a keyed digest; the secret comes from the option,
 * TETHER_SECRET or a random key, with a warning in production.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { JoinTokens, resolveSecret } from "../../src/server/join-tokens.js";

const SECRET = "0123456789abcdef0123456789abcdef";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("JoinTokens", () => {
  it("verifies what it signed, with its claims, for any path, session and identity", () => {
    const tokens = new JoinTokens(SECRET);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 30 }), (path, sid, identity) => {
        const claims = tokens.verify(tokens.sign(path, sid, identity, 60_000));
        expect(claims).toMatchObject({ path, sid, identity });
      }),
    );
  });

  it("refuses a token once it expired", () => {
    vi.useFakeTimers();
    const tokens = new JoinTokens(SECRET);
    const token = tokens.sign("/a", "s", "", 10_000);
    vi.advanceTimersByTime(9_000);
    expect(tokens.verify(token)).not.toBeNull();
    vi.advanceTimersByTime(2_000);
    expect(tokens.verify(token)).toBeNull();
  });

  it("refuses another key's token, and any change to a token's claims or MAC", () => {
    const tokens = new JoinTokens(SECRET);
    const other = new JoinTokens("another secret, just as long as it must be");
    const token = tokens.sign("/admin", "sid", "alice", 60_000);
    expect(other.verify(token)).toBeNull();
    const [body, mac] = token.split(".");
    const forged = Buffer.from(JSON.stringify(["/admin", "sid", "mallory", Date.now() / 1000 + 60])).toString("base64url");
    expect(tokens.verify(`${forged}.${mac}`)).toBeNull();
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(..."ABCxyz019-_."), (i, c) => {
        const changed = token.slice(0, i) + c + token.slice(i + 1);
        // Base64url's last character can carry unused bits: a change there may decode the same.
        if (changed === token || Buffer.from(changed.split(".")[1] ?? "", "base64url").equals(Buffer.from(mac, "base64url"))) return;
        expect(tokens.verify(changed)).toBeNull();
      }),
    );
    expect(body.length).toBeGreaterThan(0);
  });

  it("refuses malformed text without throwing", () => {
    const tokens = new JoinTokens(SECRET);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(tokens.verify(text)).toBeNull();
      }),
    );
    for (const text of ["", ".", "a.b", "a.b.c", "..", "x".repeat(5000)]) expect(tokens.verify(text)).toBeNull();
  });

  it("gives the identity as a keyed digest: the same for one key, another for another key, and none for anyone", () => {
    const tokens = new JoinTokens(SECRET);
    expect(tokens.identityDigest("alice")).toBe(tokens.identityDigest("alice"));
    expect(tokens.identityDigest("alice")).not.toBe(tokens.identityDigest("bob"));
    expect(tokens.identityDigest("alice")).not.toBe(new JoinTokens(SECRET + "x").identityDigest("alice"));
    expect(tokens.identityDigest("alice")).not.toContain("alice");
    expect(tokens.identityDigest("")).toBe("");
  });

  it("reads a page's token at its session's first join by the MAC it kept, to the outcome a MAC check gives", () => {
    vi.useFakeTimers();
    const tokens = new JoinTokens(SECRET);
    const token = (session: object) => tokens.signPage(session, "/a", "sid", "alice", 10_000);
    const [body, mac] = token({}).split(".");
    const byMac = tokens.verify(`${body}.${mac}`);
    expect(byMac).toMatchObject({ path: "/a", sid: "sid", identity: "alice" });
    // The page's own token, once with its session (the kept MAC and claims) and again (a MAC check, the claims read).
    const page = {};
    const given = token(page);
    expect(tokens.verify(given, page)).toEqual(byMac);
    expect(tokens.verify(given, page)).toEqual(byMac);
    // Other claims with the page's MAC, another MAC with the page's claims: refused.
    const forgedBody = Buffer.from(JSON.stringify(["/admin", "sid", "", byMac!.expires])).toString("base64url");
    const forging = {};
    expect(tokens.verify(`${forgedBody}.${token(forging).split(".")[1]}`, forging)).toBeNull();
    const changing = {};
    expect(tokens.verify(`${token(changing).split(".")[0]}.${"A".repeat(mac.length)}`, changing)).toBeNull();
    // Another session's page token with this session: checked by its own MAC.
    const mine = {};
    token(mine);
    expect(tokens.verify(tokens.signPage({}, "/b", "sid2", "", 10_000), mine)).toMatchObject({ path: "/b", sid: "sid2" });
    // Expiry holds on the kept MAC too.
    const late = {};
    const expiring = token(late);
    vi.advanceTimersByTime(11_000);
    expect(tokens.verify(expiring, late)).toBeNull();
  });

  it("refuses a secret shorter than 16 bytes", () => {
    expect(() => new JoinTokens("short")).toThrow(/at least 16 bytes/);
  });
});

describe("resolveSecret", () => {
  it("takes the option, else TETHER_SECRET, else makes a random key, warning only in production", () => {
    const warn = vi.fn();
    vi.stubEnv("TETHER_SECRET", "from the environment, long enough");
    expect(resolveSecret("given", true, warn)).toBe("given");
    expect(resolveSecret(undefined, true, warn)).toBe("from the environment, long enough");
    vi.stubEnv("TETHER_SECRET", "");
    const a = resolveSecret(undefined, false, warn);
    expect(warn).not.toHaveBeenCalled();
    const b = resolveSecret(undefined, true, warn);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/TETHER_SECRET/);
    expect(Buffer.isBuffer(a) && a.length).toBe(32);
    expect(a).not.toEqual(b);
  });
});
