import { describe, expect, test } from "vitest";
import { CheckboxGroup, NumberInput, Pins, TextInput } from "../../components/index.js";
import { liveEvent } from "./event.js";

const noop = () => {};

describe("Pins", () => {
  test("a pin's value starts from its props, typed, and follows the page's events", () => {
    const pins = new Pins(noop);
    pins.define(NumberInput, { name: "qty", value: 2 });
    pins.define(CheckboxGroup, { name: "tags", options: ["a", "b"] });
    expect([pins.value("qty"), pins.value("tags")]).toEqual([2, []]);
    pins.edited(liveEvent({ value: "7", data: { field: "qty" } }));
    pins.edited(liveEvent({ type: "change", values: ["b"], checked: true, value: "b", data: { field: "tags" } }));
    expect(pins.value("qty")).toBe(7);
    expect(pins.value<string[]>("tags")).toEqual(["b"]);
  });

  test("watchers get each new value once (not an unchanged one) until stopped; set re-renders the owner", () => {
    let changes = 0;
    const pins = new Pins(() => changes++);
    pins.define(TextInput, { name: "q" });
    const seen: unknown[] = [];
    const stop = pins.watch("q", (value, name) => seen.push([name, value]));
    pins.edited(liveEvent({ value: "a", data: { field: "q" } }));
    pins.edited(liveEvent({ value: "a", data: { field: "q" } }));
    pins.set("q", "b");
    stop();
    pins.edited(liveEvent({ value: "c", data: { field: "q" } }));
    expect(seen).toEqual([["q", "a"], ["q", "b"]]);
    expect(changes).toBe(1);
  });

  test("the render shows what the pin holds, with the owner's handler on the event its input sends", () => {
    const pins = new Pins(noop);
    const handler = () => {};
    pins.define(TextInput, { name: "q", value: "x" });
    pins.define(CheckboxGroup, { name: "tags", options: ["a"] });
    const text = pins.render("q", handler);
    expect(JSON.stringify(text.props)).toContain('"value":"x"');
    expect(text.props.onInput).toBe(handler);
    expect(pins.render("tags", handler).props.onChange).toBe(handler);
  });

  test("names are unique, unknown names refused, events of other fields ignored", () => {
    const pins = new Pins(noop);
    pins.define(TextInput, { name: "q" });
    expect(() => pins.define(TextInput, { name: "q" })).toThrow(/exists already/);
    expect(() => pins.value("nope")).toThrow(/no pin named "nope"/);
    pins.edited(liveEvent({ value: "z", data: { field: "other" } }));
    expect(pins.value("q")).toBe("");
  });
});
