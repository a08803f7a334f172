/**
 * The messages between linked windows' sessions (session/window-messages.ts): each kind read
 * exactly; anything else, and event names the link itself uses, dropped; an app's event names checked.
 */
import { describe, expect, test } from "vitest";
import type { JsonValue } from "../../src/index.js";
import { checkWindowEvent, readWindowMessage } from "../../src/session/window-messages.js";

describe("readWindowMessage", () => {
  test("reads each kind, keeping only its fields", () => {
    expect(readWindowMessage({ k: "hello", f: "a", i: "1", p: "/x", t: "tok", extra: 1 })).toEqual({ k: "hello", f: "a", i: "1", p: "/x", t: "tok" });
    expect(readWindowMessage({ k: "bye", f: "a", i: "1" })).toEqual({ k: "bye", f: "a", i: "1" });
    expect(readWindowMessage({ k: "parent_closed", f: "a", i: "1" })).toEqual({ k: "parent_closed", f: "a", i: "1" });
    expect(readWindowMessage({ k: "close", f: "a", i: "1" })).toEqual({ k: "close", f: "a", i: "1" });
    expect(readWindowMessage({ k: "roll", f: "a" })).toEqual({ k: "roll", f: "a" });
    expect(readWindowMessage({ k: "msg", f: "a", i: "1", ev: "saved", d: { n: 1 } })).toEqual({ k: "msg", f: "a", i: "1", ev: "saved", d: { n: 1 } });
    expect(readWindowMessage({ k: "msg", f: "a", i: "1", ev: "ping" })).toEqual({ k: "msg", f: "a", i: "1", ev: "ping" });
  });

  test("drops anything that is not exactly a message", () => {
    const bad: JsonValue[] = [
      null, 1, "msg", [], {},
      { k: "msg", f: "a", i: "1" }, // no event
      { k: "msg", f: "a", i: "1", ev: "" },
      { k: "msg", f: "a", i: "1", ev: "e".repeat(257) },
      { k: "msg", f: "a", i: "1", ev: "child_opened" }, // the link's own news cannot be forged as a message
      { k: "msg", f: 1, i: "1", ev: "x" },
      { k: "msg", f: "a".repeat(65), i: "1", ev: "x" },
      { k: "hello", f: "a", i: "1", p: "/x" }, // no token
      { k: "bye", f: "a" },
      { k: "what", f: "a", i: "1" },
    ];
    for (const value of bad) expect(readWindowMessage(value)).toBeNull();
  });
});

describe("checkWindowEvent", () => {
  test("takes an app's event name; refuses empty, long, non-string names and the link's own", () => {
    expect(() => checkWindowEvent("saved")).not.toThrow();
    for (const bad of ["", "e".repeat(257), 7, null, "child_opened", "child_closed", "parent_closed"]) expect(() => checkWindowEvent(bad)).toThrow(TypeError);
  });
});
