import { describe, expect, test } from "vitest";
import { fromWireError, namedError, toWireError } from "../../runtime/errors.js";

// runtime/errors.ts: errors as they cross the wire, page side.
describe("errors on the wire", () => {
  test("toWireError keeps an Error's name, message and stack", () => {
    const error = new TypeError("boom");
    expect(toWireError(error)).toEqual({ name: "TypeError", message: "boom", stack: error.stack });
  });

  test("toWireError of a thrown non-Error", () => {
    expect(toWireError("plain")).toEqual({ name: "Error", message: "plain" });
    expect(toWireError(42)).toEqual({ name: "Error", message: "42" });
    expect(toWireError(null)).toEqual({ name: "Error", message: "null" });
    expect(toWireError({ name: "Custom", message: "shaped like an error" })).toEqual({ name: "Custom", message: "shaped like an error" });
    expect(toWireError({ message: "no name" })).toEqual({ name: "Error", message: "no name" });
  });

  test("namedError makes an Error with that name and message", () => {
    const error = namedError("ValueError", "bad");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ValueError");
    expect(error.message).toBe("bad");
  });

  test("fromWireError keeps a server stack apart, and the error's code and data", () => {
    const error = fromWireError({ name: "ValueError", message: "bad", stack: "ValueError: bad\n    at server.ts:1", code: 42, data: { field: "x" } });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: "ValueError", message: "bad", code: 42, data: { field: "x" } });
    expect((error as Error & { serverStack?: string }).serverStack).toBe("ValueError: bad\n    at server.ts:1");
    expect(error.stack).not.toContain("server.ts");
  });
});
