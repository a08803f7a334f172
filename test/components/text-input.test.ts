import { describe, expect, test } from "vitest";
import { h, LiveTree } from "../../src/index.js";
import { render } from "../../src/testing/index.js";
import { Op } from "../../src/protocol/wire.js";
import { TextInput } from "../../components/index.js";
import { describeInput } from "./input.case.js";
import { liveEvent } from "./event.js";

describeInput("TextInput", TextInput, { name: "title", value: "" });

describe("TextInput", () => {
  test("renders a text input with its value, placeholder and debounce", async () => {
    const view = await render(TextInput, { props: { name: "title", value: "milk", placeholder: "What to do", debounce: 200 } });
    const input = view.get("input");
    expect([input.attr("type"), input.value, input.attr("placeholder"), input.attr("t-debounce")]).toEqual(["text", "milk", "What to do", "200"]);
  });

  test("without a value the page owns the field: no value is rendered", async () => {
    const view = await render(TextInput, { props: { name: "q" } });
    expect(view.get("input").value).toBe("");
    const tree = new LiveTree();
    tree.render(h(TextInput, { name: "q" }));
    expect(tree.render(h(TextInput, { name: "q" }))).toEqual([]);
  });

  test("a new value is one SetProp", () => {
    const tree = new LiveTree();
    tree.render(h(TextInput, { name: "title", value: "a" }));
    const ops = tree.render(h(TextInput, { name: "title", value: "b" }));
    expect(ops).toHaveLength(1);
    expect(ops[0].slice(0, 1).concat(ops[0].slice(2))).toEqual([Op.SetProp, "value", "b"]);
  });

  test("checks minLength, maxLength and pattern; empty text is left to required", () => {
    const props = { name: "u", minLength: 3, maxLength: 5, pattern: "[a-z]+", patternMessage: "Lower case letters." };
    expect(TextInput.check("ab", props)).toBe("Use at least 3 characters.");
    expect(TextInput.check("abcdef", props)).toBe("Use at most 5 characters.");
    expect(TextInput.check("ABC", props)).toBe("Lower case letters.");
    expect(TextInput.check("abc", props)).toBeUndefined();
    expect(TextInput.check("", props)).toBeUndefined();
    expect(TextInput.isEmpty("  ")).toBe(true);
  });

  test("reads an event's value; parses to the string", () => {
    expect(TextInput.read(liveEvent({ value: "x" }), "")).toBe("x");
    expect(TextInput.parse("x", { name: "t" })).toBe("x");
    expect(TextInput.fromForm(undefined)).toBe("");
  });
});
