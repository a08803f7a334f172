import { describe, expect, it } from "vitest";
import { recordInput } from "../../src/diff/controlled.js";
import { LiveTree } from "../../src/diff/live-tree.js";
import { Op } from "../../src/protocol/wire.js";
import { html } from "../../src/template/html.js";

const { SetProp } = Op;
const noop = () => {};

/** The live element with handlers whose id is `id` (only those can be an event's target). */
function target(tree: LiveTree, id: number) {
  const live = tree.handlers.get(id);
  if (live === undefined) throw new Error(`no handler target ${id}`);
  return live;
}

// form 1, input 2
const todo = (draft: string) => html`<form onSubmit=${noop}><input name="title" value=${draft} onInput=${noop} /></form>`;

describe("recordInput: the page's value becomes the live tree's", () => {
  it("without it, setting the same value again sends nothing (the field would keep what was typed)", () => {
    const tree = new LiveTree();
    tree.render(todo(""));
    expect(tree.render(todo(""))).toEqual([]);
  });

  it("after typing, setting \"\" sends exactly one SetProp, and the next render nothing", () => {
    const tree = new LiveTree();
    tree.render(todo(""));
    recordInput(target(tree, 2), { value: "milk" });
    expect(tree.render(todo(""))).toEqual([[SetProp, 2, "value", ""]]);
    expect(tree.render(todo(""))).toEqual([]);
  });

  it("a render that echoes what was typed sends nothing", () => {
    const tree = new LiveTree();
    tree.render(todo(""));
    recordInput(target(tree, 2), { value: "milk" });
    expect(tree.render(todo("milk"))).toEqual([]);
  });

  it("a value the server changes is sent once (what the page shows is compared, not the last render)", () => {
    const tree = new LiveTree();
    tree.render(todo("a"));
    recordInput(target(tree, 2), { value: "ab" });
    expect(tree.render(todo("AB"))).toEqual([[SetProp, 2, "value", "AB"]]);
  });

  it("a submit records every named field of the form", () => {
    const tree = new LiveTree();
    tree.render(todo(""));
    recordInput(target(tree, 1), { form: { title: "bread" } });
    expect(tree.render(todo(""))).toEqual([[SetProp, 2, "value", ""]]);
  });

  it("leaves a field the server does not render a value for to the page", () => {
    const tree = new LiveTree();
    const view = () => html`<input name="q" onInput=${noop} />`;
    tree.render(view());
    recordInput(target(tree, 1), { value: "typed" });
    expect(tree.render(view())).toEqual([]);
  });

  it("records a checkbox's checked state", () => {
    const tree = new LiveTree();
    const box = (on: boolean) => html`<input type="checkbox" checked=${on} onChange=${noop} />`;
    tree.render(box(true));
    recordInput(target(tree, 1), { value: "on", checked: false });
    expect(tree.render(box(true))).toEqual([[SetProp, 1, "checked", true]]);
    expect(tree.render(box(true))).toEqual([]);
  });

  it("a checked radio unchecks the others of its name, as the browser did", () => {
    const tree = new LiveTree();
    // div 1, radio a 2, radio b 3
    const radios = (pick: string) =>
      html`<div><input type="radio" name="size" value="s" checked=${pick === "s"} onChange=${noop} /><input type="radio" name="size" value="m" checked=${pick === "m"} onChange=${noop} /></div>`;
    tree.render(radios("s"));
    recordInput(target(tree, 3), { value: "m", checked: true });
    // The server refuses the choice: both radios go back.
    expect(tree.render(radios("s"))).toEqual([[SetProp, 3, "checked", false], [SetProp, 2, "checked", true]]); // children are diffed last to first
    expect(tree.render(radios("s"))).toEqual([]);
  });

  it("records a select's value", () => {
    const tree = new LiveTree();
    const select = (v: string) => html`<select value=${v} onChange=${noop}><option value="a">A</option><option value="b">B</option></select>`;
    tree.render(select("a"));
    recordInput(target(tree, 1), { value: "b" });
    expect(tree.render(select("a"))).toEqual([[SetProp, 1, "value", "a"]]);
  });

  it("records the options of a select multiple", () => {
    const tree = new LiveTree();
    // select 1, option a 2 (its text 3), option b 4
    const select = (on: string[]) =>
      html`<select multiple onChange=${noop}>${["a", "b"].map((o) => html`<option key=${o} value=${o} selected=${on.includes(o)}>${o}</option>`)}</select>`;
    tree.render(select(["a"]));
    recordInput(target(tree, 1), { values: ["b"] });
    expect(tree.render(select([]))).toEqual([[SetProp, 4, "selected", false]]);
  });

  it("a submitted checkbox group records each box", () => {
    const tree = new LiveTree();
    // form 1, boxes 2 and 3
    const group = (on: string[]) =>
      html`<form onSubmit=${noop}>${["x", "y"].map((o) => html`<input key=${o} type="checkbox" name="tags" value=${o} checked=${on.includes(o)} />`)}</form>`;
    tree.render(group([]));
    recordInput(target(tree, 1), { form: { tags: ["x", "y"] } });
    expect(tree.render(group(["y"]))).toEqual([[SetProp, 2, "checked", false]]);
  });
});

describe("recordInput leaves uncontrolled fields alone", () => {
  it("a value rendered as undefined stays the page's", () => {
    const tree = new LiveTree();
    const view = () => html`<input name="q" value=${undefined} onInput=${noop} />`;
    tree.render(view());
    recordInput(target(tree, 1), { value: "typed" });
    expect(tree.render(view())).toEqual([]);
  });
});

describe("recordInput and components whose props did not change", () => {
  it("a function component with equal props still renders, to send the value that replaces the page's", () => {
    const Field = (props: { value: string }) => html`<input name="title" value=${props.value} onInput=${noop} />`;
    const view = () => html`<form onSubmit=${noop}><${Field} value="" /></form>`;
    const tree = new LiveTree();
    tree.countWork();
    tree.render(view());
    const rendered = tree.stats!.rendered;
    expect(tree.render(view())).toEqual([]);
    expect(tree.stats!.rendered).toBe(rendered); // equal props: skipped
    recordInput(target(tree, 1), { form: { title: "milk" } });
    expect(tree.render(view())).toEqual([[SetProp, 2, "value", ""]]);
    expect(tree.stats!.rendered).toBe(rendered + 1);
    // Once rendered, it is skipped again.
    expect(tree.render(view())).toEqual([]);
    expect(tree.stats!.rendered).toBe(rendered + 1);
  });
});
