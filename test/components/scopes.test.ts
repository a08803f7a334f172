import { describe, expect, test } from "vitest";
import { html, LiveTree } from "../../src/index.js";
import { Op } from "../../src/protocol/wire.js";
import { OutputScopes, scopeId } from "../../components/index.js";

/** The scopes rendered in a live tree, and the ops of each render after the first. */
function rendered() {
  let changes = 0;
  const scopes = new OutputScopes(() => changes++);
  const tree = new LiveTree();
  const render = () => tree.render(html`<div>${scopes.render()}</div>`);
  return { scopes, render, changes: () => changes };
}

describe("OutputScopes", () => {
  test("outputs and scopes go at the end, or the start, of the scope named; each change is announced", () => {
    const { scopes, changes } = rendered();
    scopes.scope("log");
    scopes.put("b", { scope: "log" });
    scopes.put("a", { scope: "log", position: "prepend" });
    scopes.scope("top", { position: "prepend" });
    expect(changes()).toBe(4);
    expect(scopes.has("log") && scopes.has("top")).toBe(true);
    const tree = new LiveTree();
    tree.render(html`<div id="r">${scopes.render()}</div>`);
    const encoded = JSON.stringify(tree.encode());
    const at = (text: string) => encoded.indexOf(text);
    expect(at(scopeId("top"))).toBeGreaterThan(-1);
    expect(at(scopeId("top"))).toBeLessThan(at(scopeId("log")));
    expect(at(scopeId("log"))).toBeLessThan(at('"a"'));
    expect(at('"a"')).toBeLessThan(at('"b"'));
  });

  test("appending to a scope is one Create; a re-render with no change sends nothing", () => {
    const { scopes, render } = rendered();
    scopes.scope("log");
    scopes.put("one", { scope: "log" });
    render();
    expect(render()).toEqual([]);
    scopes.put("two", { scope: "log" });
    const ops = render();
    expect(ops.map((op) => op[0])).toEqual([Op.Create]);
  });

  test("clear empties a scope and forgets the scopes inside; remove takes it away; the root is only cleared", () => {
    const { scopes } = rendered();
    scopes.scope("a");
    scopes.scope("inner", { scope: "a" });
    scopes.clear("a");
    expect([scopes.has("a"), scopes.has("inner")]).toEqual([true, false]);
    scopes.remove("a");
    expect(scopes.has("a")).toBe(false);
    expect(() => scopes.remove("ROOT")).toThrow(/cleared, not removed/);
    expect(() => scopes.put("x", { scope: "a" })).toThrow(/no output scope named "a"/);
  });

  test("a scope's name must make a plain id; an existing scope stays as it is", () => {
    const { scopes } = rendered();
    expect(() => scopes.scope("a b")).toThrow(TypeError);
    expect(() => scopes.scope("1a")).toThrow(TypeError);
    scopes.scope("s");
    scopes.put("kept", { scope: "s" });
    scopes.scope("s", { position: "prepend" });
    const tree = new LiveTree();
    tree.render(html`<div>${scopes.render()}</div>`);
    expect(JSON.stringify(tree.encode())).toContain("kept");
  });

  test("a function output is rendered at each render (a pin's current value)", () => {
    const { scopes, render } = rendered();
    let text = "first";
    scopes.put(() => text);
    render();
    text = "second";
    const ops = render();
    expect(ops.map((op) => [op[0], op[2]])).toEqual([[Op.SetText, "second"]]);
  });
});
