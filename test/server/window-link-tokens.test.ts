/**
 * Link tokens of linked windows (server/window-link-tokens.ts): what one process signs another
 * with the same secret reads; anything else (another secret, a changed body or mac, a join
 * token, garbage) reads as null, never throws; addresses are stable per session and keyed.
 */
import { describe, expect, test } from "vitest";
import { JoinTokens } from "../../src/server/join-tokens.js";
import { WindowLinkTokens } from "../../src/server/window-link-tokens.js";

const SECRET = "a secret every process of the app shares, 32+ bytes";

describe("WindowLinkTokens", () => {
  test("a token signed by one process is read by another with the same secret", () => {
    const token = new WindowLinkTokens(SECRET).sign("parent-address", "child-id");
    expect(new WindowLinkTokens(SECRET).verify(token)).toEqual({ parent: "parent-address", window: "child-id" });
  });

  test("another secret, a changed body or mac, a join token and garbage read as null", () => {
    const links = new WindowLinkTokens(SECRET);
    const token = links.sign("p", "w");
    const [body, mac] = token.split(".");
    const otherBody = Buffer.from(JSON.stringify(["p", "stolen"])).toString("base64url");
    const join = new JoinTokens(SECRET).sign("/child", "sid", "", 60_000);
    for (const bad of [new WindowLinkTokens("another secret of 32 bytes or more!").sign("p", "w"), `${otherBody}.${mac}`, `${body}.${mac!.slice(1)}`, join, "", ".", "a.b.c", "x".repeat(600), `${Buffer.from("[1,2]").toString("base64url")}.${mac}`]) {
      expect(links.verify(bad)).toBeNull();
    }
  });

  test("a session's address is the same in every process, and says nothing of its id", () => {
    const a = new WindowLinkTokens(SECRET).addressOf("session-1");
    expect(new WindowLinkTokens(SECRET).addressOf("session-1")).toBe(a);
    expect(new WindowLinkTokens(SECRET).addressOf("session-2")).not.toBe(a);
    expect(new WindowLinkTokens("another secret of 32 bytes or more!").addressOf("session-1")).not.toBe(a);
    expect(a).not.toContain("session");
    expect(a).toMatch(/^[\w-]{22}$/);
  });
});
