/**
 * JsExecutionError and JsExecutionTimeout (src/session/errors.ts): what a failed page request
 * looks like to server code.
 */
import { describe, expect, test } from "vitest";
import { JsExecutionError, JsExecutionTimeout } from "../../src/session/errors.js";
import * as tether from "../../src/index.js";

describe("JsExecutionError", () => {
  test("from a browser error: its name and message, with the browser's name, message and stack kept", () => {
    const error = new JsExecutionError("ignored", { name: "RangeError", message: "too far", stack: "RangeError: too far\n    at f" });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("JsExecutionError");
    expect(error.message).toBe("RangeError: too far");
    expect(error.jsName).toBe("RangeError");
    expect(error.jsMessage).toBe("too far");
    expect(error.jsStack).toBe("RangeError: too far\n    at f");
    expect(String(error)).toBe("JsExecutionError: RangeError: too far");
  });

  test("a browser error without a stack leaves jsStack undefined", () => {
    expect(new JsExecutionError("", { name: "Error", message: "x" }).jsStack).toBeUndefined();
  });

  test("without a browser error (the session ended): the message as given, no js fields", () => {
    const error = new JsExecutionError("the session ended before the request settled");
    expect(error.message).toBe("the session ended before the request settled");
    expect([error.jsName, error.jsMessage, error.jsStack]).toEqual([undefined, undefined, undefined]);
    expect(error.stack).toContain("JsExecutionError");
  });
});

describe("JsExecutionTimeout", () => {
  test("is a JsExecutionError with its own name and the timeout in milliseconds", () => {
    const error = new JsExecutionTimeout(1500, "the code");
    expect(error).toBeInstanceOf(JsExecutionError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("JsExecutionTimeout");
    expect(error.timeout).toBe(1500);
    expect(error.message).toBe("the code did not settle within 1500 ms");
    expect(error.jsName).toBeUndefined();
  });

  test("a plain JsExecutionError is not a timeout", () => {
    expect(new JsExecutionError("x")).not.toBeInstanceOf(JsExecutionTimeout);
  });
});

test("both are exported from the package entry", () => {
  expect(tether.JsExecutionError).toBe(JsExecutionError);
  expect(tether.JsExecutionTimeout).toBe(JsExecutionTimeout);
});
