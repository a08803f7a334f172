/**
 * mountTree (runtime/dom/morph.ts) in Chromium: the page shows the server's HTML as the
 * parser understood it; after the Mount it must mirror the tree exactly (invariant 1), ids must
 * point at the final nodes, and what the user did before the runtime connected must survive.
 */
import { describe, expect, test } from "vitest";
import type { PatchOp, Tree } from "../../src/protocol/wire.js";
import { useHarness, type HarnessWindow } from "../support/runtime-harness.js";

const harness = useHarness();

/** Puts first-paint HTML in #root (parsed by the browser) and returns what the parser made of it. */
function firstPaint(html: string) {
  return harness.page.evaluate((html) => {
    const H = (window as unknown as HarnessWindow).__harness;
    H.reset(html);
    return H.dump();
  }, html);
}

/** Mounts `trees` onto #root, then applies `ops`; returns the dump. */
function mount(trees: Tree[], ops: PatchOp[] = []) {
  // Passed as unknown: playwright's Unboxed<> type recurses without end on the Tree type.
  return harness.page.evaluate((arg) => {
    const { trees, ops } = arg as { trees: Tree[]; ops: PatchOp[] };
    const H = (window as unknown as HarnessWindow).__harness;
    H.mount(trees);
    H.apply(ops);
    return H.dump();
  }, { trees, ops } as unknown);
}

/** For ids 1..n: whether each is registered and its node is in #root. */
function idsOnPage(n: number) {
  return harness.page.evaluate((n) => {
    const H = (window as unknown as HarnessWindow).__harness;
    const out: boolean[] = [];
    for (let id = 1; id <= n; id++) {
      try {
        out.push(H.root.contains(H.node(id)));
      } catch {
        out.push(false);
      }
    }
    return out;
  }, n);
}

describe("the parser's changes are undone", () => {
  test("a table without <tbody>: the parser's <tbody> goes, ids land on the final nodes", async () => {
    const trees: Tree[] = [["table", { class: "t" }, ["tr", 0, ["td", 0, "a"], ["td", 0, "b"]], ["tr", 0, ["td", 0, "c"]]], ["p", 0, "after"]];
    expect(await firstPaint(`<table class="t"><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table><p>after</p>`)).toEqual([
      ["table", { class: "t" }, ["tbody", 0, ["tr", 0, ["td", 0, "a"], ["td", 0, "b"]], ["tr", 0, ["td", 0, "c"]]]],
      ["p", 0, "after"],
    ]);
    expect(await mount(trees)).toEqual(trees);
    expect(await harness.page.evaluate(() => document.querySelectorAll("#root tbody").length)).toBe(0);
    // table 1; tr 2 (td 3 ("a" 4), td 5 ("b" 6)); tr 7 (td 8 ("c" 9)); p 10 ("after" 11)
    expect(await idsOnPage(11)).toEqual(Array(11).fill(true));

    // Patches land on the nodes on screen.
    const after = await harness.page.evaluate(() => {
      const H = (window as unknown as HarnessWindow).__harness;
      H.apply([[7, 4, "A"], [4, 7, "class", "x"], [1, 1, 0, 12, [["tr", 0, ["td", 0, "d"]]]], [7, 11, "end"]]);
      return H.dump();
    });
    expect(after).toEqual([
      ["table", { class: "t" }, ["tr", 0, ["td", 0, "A"], ["td", 0, "b"]], ["tr", { class: "x" }, ["td", 0, "c"]], ["tr", 0, ["td", 0, "d"]]],
      ["p", 0, "end"],
    ]);
    expect(await harness.page.evaluate(() => document.querySelectorAll("#root tbody").length)).toBe(0);
  });

  test("<p> inside <p>: the parser's split paragraphs are nested again", async () => {
    const trees: Tree[] = [["p", 0, "outer", ["p", 0, "inner"]], ["span", 0, "s"]];
    expect(await firstPaint("<p>outer<p>inner</p></p><span>s</span>")).toEqual([["p", 0, "outer"], ["p", 0, "inner"], ["p", 0], ["span", 0, "s"]]);
    // p 1 ("outer" 2, p 3 ("inner" 4)); span 5 ("s" 6)
    expect(await mount(trees, [[7, 4, "INNER"], [7, 6, "S"]])).toEqual([["p", 0, "outer", ["p", 0, "INNER"]], ["span", 0, "S"]]);
  });

  test("adjacent text nodes the parser merged are split again and addressed separately", async () => {
    expect(await firstPaint("<p>ab c</p>")).toEqual([["p", 0, "ab c"]]);
    // p 1 ("a" 2, "b" 3, " " 4, "c" 5)
    expect(await mount([["p", 0, "a", "b", " ", "c"]], [[7, 3, "B"], [7, 5, "C"]])).toEqual([["p", 0, "a", "B", " ", "C"]]);
  });

  test("<template> content is the tree's, and ops address it", async () => {
    await firstPaint("<template><li>old</li></template><b>x</b>");
    // template 1 (li 2 ("new" 3), "t" 4); b 5 ("x" 6)
    expect(await mount([["template", 0, ["li", 0, "new"], "t"], ["b", 0, "x"]], [[7, 3, "newer"], [7, 6, "y"]])).toEqual([
      ["template", 0, ["li", 0, "newer"], "t"],
      ["b", 0, "y"],
    ]);
    expect(await harness.page.evaluate(() => document.querySelector("#root template")!.childNodes.length)).toBe(0);
  });

  test("SVG in the first paint stays SVG, with attribute case as the tree has it", async () => {
    await firstPaint(`<svg viewBox="0 0 10 10"><g><circle r="1"></circle></g><foreignObject><div>h</div></foreignObject></svg>`);
    const trees: Tree[] = [["svg", { viewBox: "0 0 10 10" }, ["g", 0, ["circle", { r: "2" }]], ["foreignObject", 0, ["div", 0, "h"]]]];
    // svg 1 (g 2 (circle 3), foreignObject 4 (div 5 ("h" 6)))
    expect(await mount(trees, [[1, 2, 0, 7, [["rect", 0]]]])).toEqual([
      ["svg", { viewBox: "0 0 10 10" }, ["g", 0, ["circle", { r: "2" }], ["rect", 0]], ["foreignObject", 0, ["div", 0, "h"]]],
    ]);
    expect(await harness.page.evaluate(() => Array.from(document.querySelectorAll("#root *"), (el) => el.namespaceURI!.split("/").pop()))).toEqual(["svg", "svg", "svg", "svg", "svg", "xhtml"]);
  });
});

describe("nodes and ids after mounting", () => {
  test("elements that match are kept, not replaced", async () => {
    await firstPaint(`<main><h1>Title</h1><ul><li>a</li><li>b</li></ul><button>go</button></main>`);
    const held = await harness.page.evaluateHandle(() => Array.from(document.querySelectorAll("#root *")));
    const trees: Tree[] = [["main", 0, ["h1", 0, "Title"], ["ul", 0, ["li", 0, "a"], ["li", 0, "b"]], ["button", { "@click": 1 }, "go"]]];
    expect(await mount(trees)).toEqual([["main", 0, ["h1", 0, "Title"], ["ul", 0, ["li", 0, "a"], ["li", 0, "b"]], ["button", 0, "go"]]]);
    expect(await harness.page.evaluate((held) => Array.from(document.querySelectorAll("#root *")).every((el, i) => el === held[i]), held)).toBe(true);
  });

  test("event bindings go on the final nodes and their types are listened to", async () => {
    await firstPaint(`<form><input name="q"><button>go</button></form>`);
    const state = await harness.page.evaluate(() => {
      const H = (window as unknown as HarnessWindow).__harness;
      H.mount([["form", { "@submit": 1 }, ["input", { name: "q", "@input": 1, "@keydown": 1 }], ["button", 0, "go"]]]);
      const form = document.querySelector("#root form") as Element & { $ev?: object };
      const input = document.querySelector("#root input") as Element & { $ev?: object };
      const button = document.querySelector("#root button") as Element & { $ev?: object };
      return { form: form.$ev, input: input.$ev, button: button.$ev ?? null, listened: [...new Set(H.listened)], ids: [H.node(1) === form, H.node(2) === input] };
    });
    expect(state).toEqual({ form: { submit: 1 }, input: { input: 1, keydown: 1 }, button: null, listened: ["submit", "input", "keydown"], ids: [true, true] });
  });

  test("raw HTML after its anchor comment is one range: ids after it and Remove work", async () => {
    await firstPaint(`<div>a<!----><b>x</b>y<i>z</i>c</div>`);
    // div 1 ("a" 2, raw 3, "c" 4)
    expect(await mount([["div", 0, "a", [0, "<b>x</b>y<i>z</i>"], "c"]], [[7, 4, "C"]])).toEqual([["div", 0, "a", ["#comment", ""], ["b", 0, "x"], "y", ["i", 0, "z"], "C"]]);
    expect(await mount([["div", 0, "a", [0, "<b>x</b>y<i>z</i>"], "c"]], [[2, 3]])).toEqual([["div", 0, "a", "c"]]);
  });

  test("static subtrees: one id each, and later references clone the definition", async () => {
    await firstPaint(`<i class="s">s</i><i class="s">s</i>`);
    const result = await harness.page.evaluate(() => {
      const H = (window as unknown as HarnessWindow).__harness;
      H.mount([[1, 1, ["i", { class: "s" }, "s"]], [2, 1]]);
      const size = H.nodes.size;
      H.apply([[1, 0, 0, 3, [[2, 1]]]]);
      return { size, dump: H.dump(), third: H.node(3) === document.querySelectorAll("#root i")[2] };
    });
    expect(result).toEqual({ size: 2, dump: [["i", { class: "s" }, "s"], ["i", { class: "s" }, "s"], ["i", { class: "s" }, "s"]], third: true });
  });

  test("mounting again (a reconnect) replaces every id", async () => {
    await firstPaint(`<ul><li>a</li><li>b</li></ul>`);
    const result = await harness.page.evaluate(() => {
      const H = (window as unknown as HarnessWindow).__harness;
      H.mount([["ul", 0, ["li", 0, "a"], ["li", 0, "b"]]]);
      const first = H.nodes.size;
      // The server's tree has changed meanwhile and numbers it from 1 again.
      H.mount([["ul", 0, ["li", 0, "b"]], ["p", 0, "new"]]);
      const second = H.nodes.size;
      H.apply([[7, 3, "B"], [7, 5, "NEW"]]);
      return { first, second, dump: H.dump() };
    });
    expect(result).toEqual({ first: 5, second: 5, dump: [["ul", 0, ["li", 0, "B"]], ["p", 0, "NEW"]] });
  });
});

describe("what the user did before the mount survives (invariant 5)", () => {
  test("a focused input keeps its typed value, caret and focus; an untouched one takes the server's value", async () => {
    await firstPaint(`<label>a <input name="a" value="first"></label><label>b <input name="b" value="first"></label>`);
    await harness.page.evaluate(() => {
      const a = document.querySelector<HTMLInputElement>("#root input[name=a]")!;
      a.focus();
      a.value = "typed by the user";
      a.setSelectionRange(3, 7);
    });
    const trees: Tree[] = [
      ["label", 0, "a ", ["input", { name: "a", ".value": "server" }]],
      ["label", 0, "b ", ["input", { name: "b", ".value": "server" }]],
    ];
    await mount(trees);
    const state = await harness.page.evaluate(() => {
      const [a, b] = Array.from(document.querySelectorAll<HTMLInputElement>("#root input"));
      return { a: a.value, focused: document.activeElement === a, caret: [a.selectionStart, a.selectionEnd], b: b.value };
    });
    expect(state).toEqual({ a: "typed by the user", focused: true, caret: [3, 7], b: "server" });
  });

  test("edited controls that are not focused keep the user's value: text, textarea, select, checkbox", async () => {
    await firstPaint(
      `<input name="t" value="v"><textarea name="ta">v</textarea>` +
        `<select name="s"><option value="x">X</option><option value="y" selected>Y</option></select>` +
        `<input type="checkbox" name="c"><input type="checkbox" name="d" checked><input name="u" value="v">`,
    );
    await harness.page.evaluate(() => {
      const $ = <T extends Element>(s: string) => document.querySelector<T>("#root " + s)!;
      $<HTMLInputElement>("[name=t]").value = "typed";
      $<HTMLTextAreaElement>("textarea").value = "typed\nlines";
      $<HTMLSelectElement>("select").value = "x";
      $<HTMLInputElement>("[name=c]").checked = true;
    });
    await mount([
      ["input", { name: "t", ".value": "server" }],
      ["textarea", { name: "ta", ".value": "server" }],
      ["select", { name: "s", ".value": "y" }, ["option", { value: "x" }, "X"], ["option", { value: "y" }, "Y"]],
      ["input", { type: "checkbox", name: "c" }],
      ["input", { type: "checkbox", name: "d", ".checked": false }],
      ["input", { name: "u", ".value": "server" }],
    ]);
    const values = await harness.page.evaluate(() => {
      const $ = <T extends Element>(s: string) => document.querySelector<T>("#root " + s)!;
      return {
        t: $<HTMLInputElement>("[name=t]").value,
        ta: $<HTMLTextAreaElement>("textarea").value,
        s: $<HTMLSelectElement>("select").value,
        c: $<HTMLInputElement>("[name=c]").checked,
        d: $<HTMLInputElement>("[name=d]").checked,
        u: $<HTMLInputElement>("[name=u]").value,
      };
    });
    // d and u were not touched: they follow the server.
    expect(values).toEqual({ t: "typed", ta: "typed\nlines", s: "x", c: true, d: false, u: "server" });
  });

  test("a t-ignore region that the page changed is left alone, and ids after it stay right", async () => {
    await firstPaint(`<div t-ignore="" class="widget"><span>server</span></div><p>after</p>`);
    const widget = await harness.page.evaluateHandle(() => {
      const div = document.querySelector("#root div")!;
      div.innerHTML = "<canvas></canvas><em>drawn by a widget</em>";
      div.setAttribute("data-widget-ready", "");
      return div.firstChild!;
    });
    // div 1 (span 2 ("server" 3)); p 4 ("after" 5)
    const trees: Tree[] = [["div", { "t-ignore": "", class: "widget" }, ["span", 0, "server"]], ["p", 0, "after"]];
    expect(await mount(trees, [[7, 5, "changed"], [4, 4, "class", "p"]])).toEqual([
      ["div", { "t-ignore": "", class: "widget", "data-widget-ready": "" }, ["canvas", 0], ["em", 0, "drawn by a widget"]],
      ["p", { class: "p" }, "changed"],
    ]);
    const state = await harness.page.evaluate((canvas) => {
      const H = (window as unknown as HarnessWindow).__harness;
      const registered = (id: number) => {
        try {
          H.node(id);
          return true;
        } catch {
          return false;
        }
      };
      return { canvas: document.querySelector("#root canvas") === canvas, ids: [1, 2, 3, 4, 5].map(registered) };
    }, widget);
    // Nothing inside the region is addressable: no patch can reach it.
    expect(state).toEqual({ canvas: true, ids: [true, false, false, true, true] });
  });
});

test("no uncaught errors in the page", () => {
  expect(harness.errors).toEqual([]);
});

describe("regressions", () => {
  test("an input the user typed into inside a table's first paint (parser <tbody>) is kept, with focus", async () => {
    const result = await harness.page.evaluate(() => {
      const H = (window as unknown as HarnessWindow).__harness;
      H.reset('<table><tr><td><input value="a"></td></tr></table>');
      const input = document.querySelector("#root input") as HTMLInputElement;
      input.focus();
      input.value = "typed";
      H.mount([["table", 0, ["tr", 0, ["td", 0, ["input", { ".value": "a" }]]]]] as never);
      const now = document.querySelector("#root input") as HTMLInputElement;
      return [now === input, now.value, document.activeElement === now, document.querySelectorAll("#root tbody").length];
    });
    expect(result).toEqual([true, "typed", true, 0]);
  });

  test("a later mount gives an untouched input the server's new value", async () => {
    const value = await harness.page.evaluate(() => {
      const H = (window as unknown as HarnessWindow).__harness;
      H.reset('<input value="a">');
      H.mount([["input", { ".value": "a" }]] as never);
      H.mount([["input", { ".value": "b" }]] as never, 1, false);
      return (document.querySelector("#root input") as HTMLInputElement).value;
    });
    expect(value).toBe("b");
  });
});
