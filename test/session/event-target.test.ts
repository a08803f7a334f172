import { describe, expect, test } from "vitest";
import { html, LiveTree } from "../../src/index.js";
import { ErrorCodes } from "../../src/protocol/wire.js";
import { findEventTarget } from "../../src/session/event-target.js";

const noop = () => {};

/** A tree that rendered an input with handlers, then removed it; the input's id. */
function removedInput(): { tree: LiveTree; id: number } {
  const tree = new LiveTree();
  tree.render(html`<div><input name="a" onBlur=${noop} onInput=${noop} /></div>`);
  const [id] = tree.handlers.ids();
  tree.render(html`<div><p>answered</p></div>`);
  return { tree, id };
}

describe("findEventTarget", () => {
  test("an element rendered now with a handler for the type: its handler", () => {
    const tree = new LiveTree();
    tree.render(html`<div><input name="a" onBlur=${noop} /></div>`);
    const [id] = tree.handlers.ids();
    expect("code" in findEventTarget(tree, id, "blur", {})).toBe(false);
    expect(findEventTarget(tree, id, "click", {})).toMatchObject({ code: ErrorCodes.NoHandler });
  });

  test("the blur of an element a patch removed (the browser blurs it after the removal) runs nothing and is no error", () => {
    const { tree, id } = removedInput();
    const call = findEventTarget(tree, id, "blur", { value: "x" });
    expect("code" in call).toBe(false);
    if (!("code" in call)) expect(call.run()).toBeUndefined();
  });

  test("any other event of a removed element, and a blur of an id never given, are refused as unknown_node", () => {
    const { tree, id } = removedInput();
    expect(findEventTarget(tree, id, "input", { value: "x" })).toMatchObject({ code: ErrorCodes.UnknownNode });
    expect(findEventTarget(tree, tree.nextId + 5, "blur", {})).toMatchObject({ code: ErrorCodes.UnknownNode });
  });
});
