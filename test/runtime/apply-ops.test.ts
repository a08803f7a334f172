/**
 * The patcher (runtime/dom/apply-ops.ts, with build.ts and nodes.ts) against a real DOM in
 * Chromium, on trees the HTML parser cannot reproduce. Every fixture asserts that the live DOM
 * mirrors the tree exactly (invariant 1), and that ops address nodes by id and keep identity.
 */
import { describe, expect, test } from "vitest";
import type { PatchOp, Tree } from "../../src/protocol/wire.js";
import { useHarness, type HarnessWindow } from "../support/runtime-harness.js";

const harness = useHarness();

const SVG = "http://www.w3.org/2000/svg";
const XHTML = "http://www.w3.org/1999/xhtml";
const XLINK = "http://www.w3.org/1999/xlink";

/** Starts from an empty root and creates `trees` at the root with ids from 1; returns the dump. */
function createAtRoot(trees: Tree[]) {
  // Passed as unknown: playwright's Unboxed<> type recurses without end on the Tree type.
  return harness.page.evaluate((trees) => {
    const H = (window as unknown as HarnessWindow).__harness;
    H.reset();
    H.apply([[1, 0, 0, 1, trees as Tree[]]]);
    return H.dump();
  }, trees as unknown);
}

/** Applies ops to the current root and returns the dump. */
function apply(ops: PatchOp[]) {
  return harness.page.evaluate((ops) => {
    const H = (window as unknown as HarnessWindow).__harness;
    H.apply(ops as PatchOp[]);
    return H.dump();
  }, ops as unknown);
}

describe("trees the HTML parser would change are built exactly", () => {
  test("<table> with <tr> children gets no <tbody>", async () => {
    const trees: Tree[] = [["table", { class: "t" }, ["tr", 0, ["td", 0, "a"], ["td", 0, "b"]], ["tr", 0, ["td", 0, "c"]]]];
    expect(await createAtRoot(trees)).toEqual(trees);
    expect(await harness.page.evaluate(() => [document.querySelectorAll("#root tbody").length, document.querySelectorAll("#root table > tr").length])).toEqual([0, 2]);

    // table 1; tr 2 (td 3 ("a" 4), td 5 ("b" 6)); tr 7 (td 8 ("c" 9)).
    // A row created later goes straight into the table too, before the row it names.
    expect(await apply([[1, 1, 7, 10, [["tr", 0, ["td", 0, "new"]]]]])).toEqual([
      ["table", { class: "t" }, ["tr", 0, ["td", 0, "a"], ["td", 0, "b"]], ["tr", 0, ["td", 0, "new"]], ["tr", 0, ["td", 0, "c"]]],
    ]);
    expect(await harness.page.evaluate(() => document.querySelectorAll("#root tbody").length)).toBe(0);
  });

  test("<p> inside <p>, and a <div> inside a <p>, stay nested", async () => {
    const trees: Tree[] = [["p", 0, "outer ", ["p", 0, "inner"], ["div", 0, "block"], " tail"]];
    expect(await createAtRoot(trees)).toEqual(trees);
    expect(await harness.page.evaluate(() => document.querySelectorAll("#root > p").length)).toBe(1);
  });

  test("<a> inside <a> and <li> outside any list stay where the tree puts them", async () => {
    const trees: Tree[] = [["a", { href: "#1" }, "one", ["a", { href: "#2" }, "two"]], ["li", 0, "loose"], ["tr", 0, ["td", 0, "no table"]]];
    expect(await createAtRoot(trees)).toEqual(trees);
  });

  test("whitespace-only and adjacent text nodes are kept as separate nodes", async () => {
    const trees: Tree[] = [["div", 0, " ", ["span", 0, "a"], "\n  ", ["span", 0, "b"], "\t", "x", "y", ""]];
    expect(await createAtRoot(trees)).toEqual(trees);
    // ids in pre-order: div 1, " " 2, span 3, "a" 4, "\n  " 5, span 6, "b" 7, "\t" 8, "x" 9, "y" 10, "" 11
    expect(await apply([[7, 10, "Y"], [7, 11, "z"], [7, 2, ""]])).toEqual([["div", 0, "", ["span", 0, "a"], "\n  ", ["span", 0, "b"], "\t", "x", "Y", "z"]]);
    expect(await harness.page.evaluate(() => document.querySelector("#root > div")!.childNodes.length)).toBe(8);
  });

  test("<template> children go into its content fragment, and ops address them there", async () => {
    const trees: Tree[] = [["template", 0, ["li", 0, "x"], "t"], ["p", 0, "after"]];
    expect(await createAtRoot(trees)).toEqual(trees);
    const state = await harness.page.evaluate(() => {
      const t = document.querySelector<HTMLTemplateElement>("#root > template")!;
      return { direct: t.childNodes.length, content: t.content.childNodes.length };
    });
    expect(state).toEqual({ direct: 0, content: 2 });

    // template 1, li 2, "x" 3, "t" 4, p 5, "after" 6
    expect(await apply([[7, 3, "y"], [1, 1, 2, 7, [["li", 0, "first"]]], [3, 4, 1, 7]])).toEqual([
      ["template", 0, "t", ["li", 0, "first"], ["li", 0, "y"]],
      ["p", 0, "after"],
    ]);
    expect(await harness.page.evaluate(() => document.querySelector<HTMLTemplateElement>("#root > template")!.childNodes.length)).toBe(0);
  });
});

describe("form controls take values as DOM properties", () => {
  test("<select>: the .value of the tree, then SetProp value and option selected", async () => {
    const trees: Tree[] = [["select", { name: "s", ".value": "b" }, ["option", { value: "a" }, "A"], ["option", { value: "b" }, "B"], ["option", { value: "c" }, "C"]]];
    // Props are not attributes: the dump shows none.
    expect(await createAtRoot(trees)).toEqual([["select", { name: "s" }, ["option", { value: "a" }, "A"], ["option", { value: "b" }, "B"], ["option", { value: "c" }, "C"]]]);
    const value = () => harness.page.evaluate(() => [document.querySelector("select")!.value, document.querySelector("select")!.selectedIndex]);
    expect(await value()).toEqual(["b", 1]);

    // select 1, option 2 ("A" 3), option 4 ("B" 5), option 6 ("C" 7)
    await apply([[6, 1, "value", "c"]]);
    expect(await value()).toEqual(["c", 2]);
    await apply([[6, 2, "selected", true]]);
    expect(await value()).toEqual(["a", 0]);
    await apply([[6, 1, "value", null]]);
    expect(await value()).toEqual(["", -1]);
    expect(await harness.page.evaluate(() => Array.from(document.querySelectorAll("option"), (o) => o.hasAttribute("selected")))).toEqual([false, false, false]);
  });

  test("<select multiple>: options selected by property", async () => {
    await createAtRoot([["select", { multiple: "" }, ["option", { value: "a", ".selected": true }, "A"], ["option", { value: "b" }, "B"], ["option", { value: "c", ".selected": true }, "C"]]]);
    const selected = () => harness.page.evaluate(() => Array.from(document.querySelector("select")!.selectedOptions, (o) => o.value));
    expect(await selected()).toEqual(["a", "c"]);
    await apply([[6, 2, "selected", false], [6, 4, "selected", true]]);
    expect(await selected()).toEqual(["b", "c"]);
  });

  test("<textarea>: value by property, a leading newline kept, no text children", async () => {
    await createAtRoot([["textarea", { name: "t", ".value": "\nfirst line\n<b>not markup</b>" }]]);
    const state = () => harness.page.evaluate(() => {
      const t = document.querySelector("textarea")!;
      return { value: t.value, children: t.childNodes.length };
    });
    expect(await state()).toEqual({ value: "\nfirst line\n<b>not markup</b>", children: 0 });
    await apply([[6, 1, "value", "changed"]]);
    expect(await state()).toEqual({ value: "changed", children: 0 });
    await apply([[6, 1, "value", null]]);
    expect(await state()).toEqual({ value: "", children: 0 });
  });

  test("checkbox .checked is a property, not an attribute; null unchecks", async () => {
    expect(await createAtRoot([["input", { type: "checkbox", ".checked": true }]])).toEqual([["input", { type: "checkbox" }]]);
    const checked = () => harness.page.evaluate(() => document.querySelector<HTMLInputElement>("#root input")!.checked);
    expect(await checked()).toBe(true);
    await apply([[6, 1, "checked", false]]);
    expect(await checked()).toBe(false);
    await apply([[6, 1, "checked", true]]);
    await apply([[6, 1, "checked", null]]);
    expect(await checked()).toBe(false);
  });

  test("SetProp of value/checked asks the input guard, and other ops do not", async () => {
    await createAtRoot([["input", { ".value": "server" }], ["input", { type: "checkbox" }]]);
    const result = await harness.page.evaluate(() => {
      const H = (window as unknown as HarnessWindow).__harness;
      const asked: Array<[number | undefined, string]> = [];
      H.apply([[6, 1, "value", "stale"], [6, 2, "checked", true], [4, 1, "class", "x"]], (el, name) => (asked.push([el.$id, name]), false));
      const [text, box] = Array.from(document.querySelectorAll<HTMLInputElement>("#root input"));
      return { asked, value: text.value, checked: box.checked, cls: text.className };
    });
    expect(result).toEqual({ asked: [[1, "value"], [2, "checked"]], value: "server", checked: false, cls: "x" });
  });
});

describe("DOM properties: only the four Tether sets", () => {
  test("a .name entry or a SetProp of any other property sets nothing (no innerHTML from the wire)", async () => {
    await createAtRoot([["div", { ".innerHTML": "<img src=x onerror=window.__set=1>", ".outerHTML": "<b>x</b>", ".textContent": "t" }, "kept"]]);
    await apply([[6, 1, "innerHTML", "<img src=x onerror=window.__set=2>"]]);
    const state = await harness.page.evaluate(() => ({ html: document.querySelector("#root")!.innerHTML, set: (window as { __set?: number }).__set }));
    expect(state).toEqual({ html: "<div>kept</div>", set: undefined });
  });
});

describe("SVG", () => {
  test("SVG elements are created in the SVG namespace, foreignObject content in HTML", async () => {
    const trees: Tree[] = [
      ["svg", { viewBox: "0 0 10 10", width: "10" }, ["g", { "stroke-width": "2" }, ["circle", { cx: "5", cy: "5", r: "4" }], ["foreignObject", { width: "10", height: "10" }, ["div", 0, ["span", 0, "html"]]]], ["a", { href: "#x" }, ["text", 0, "t"]]],
      ["a", { href: "#y" }, "html a"],
    ];
    expect(await createAtRoot(trees)).toEqual(trees);
    const namespaces = await harness.page.evaluate(() =>
      Array.from(document.querySelectorAll("#root *"), (el) => [el.localName, el.namespaceURI]),
    );
    expect(namespaces).toEqual([
      ["svg", SVG], ["g", SVG], ["circle", SVG], ["foreignObject", SVG], ["div", XHTML], ["span", XHTML], ["a", SVG], ["text", SVG], ["a", XHTML],
    ]);
    // Attribute case survives (viewBox), and the browser understands it.
    expect(await harness.page.evaluate(() => (document.querySelector("#root svg") as SVGSVGElement).viewBox.baseVal.width)).toBe(10);
  });

  test("Create into an SVG parent makes SVG; into foreignObject makes HTML; xlink:href is namespaced", async () => {
    // svg 1, g 2, foreignObject 3
    await createAtRoot([["svg", 0, ["g", 0], ["foreignObject", 0]]]);
    await apply([
      [1, 2, 0, 4, [["rect", { width: "1" }], ["use", { "xlink:href": "#r" }]]],
      [1, 3, 0, 6, [["p", 0, ["b", 0, "x"]]]],
      [1, 1, 0, 9, [["foreignObject", 0, ["em", 0]]]],
      [4, 4, "xlink:title", "t"],
    ]);
    const result = await harness.page.evaluate((XLINK) => {
      const ns = (sel: string) => document.querySelector(sel)!.namespaceURI;
      const use = document.querySelector("#root use")!;
      const rect = document.querySelector("#root rect")!;
      return {
        rect: ns("#root rect"),
        use: ns("#root use"),
        p: ns("#root p"),
        b: ns("#root p b"),
        fo: document.querySelectorAll("#root foreignObject")[1].namespaceURI,
        em: ns("#root em"),
        href: use.getAttributeNS(XLINK, "href"),
        title: rect.getAttributeNS(XLINK, "title"),
      };
    }, XLINK);
    expect(result).toEqual({ rect: SVG, use: SVG, p: XHTML, b: XHTML, fo: SVG, em: XHTML, href: "#r", title: "t" });
  });
});

describe("raw HTML", () => {
  test("is inserted after an anchor, moved and removed as one range", async () => {
    // div 1, "before" 2, raw 3, "after" 4, p 5, "end" 6
    const trees: Tree[] = [["div", 0, "before", [0, "<b>x</b>mid<i>y</i>"], "after"], ["p", 0, "end"]];
    expect(await createAtRoot(trees)).toEqual([["div", 0, "before", ["#comment", ""], ["b", 0, "x"], "mid", ["i", 0, "y"], "after"], ["p", 0, "end"]]);

    // Move the raw range to the front of its parent, then into the <p>, then something before it.
    expect(await apply([[3, 3, 1, 2]])).toEqual([["div", 0, ["#comment", ""], ["b", 0, "x"], "mid", ["i", 0, "y"], "before", "after"], ["p", 0, "end"]]);
    expect(await apply([[3, 3, 5, 0]])).toEqual([["div", 0, "before", "after"], ["p", 0, "end", ["#comment", ""], ["b", 0, "x"], "mid", ["i", 0, "y"]]]);
    expect(await apply([[3, 6, 5, 0]])).toEqual([["div", 0, "before", "after"], ["p", 0, ["#comment", ""], ["b", 0, "x"], "mid", ["i", 0, "y"], "end"]]);
    const held = await harness.page.evaluateHandle(() => document.querySelector("#root b")!);

    expect(await apply([[2, 3]])).toEqual([["div", 0, "before", "after"], ["p", 0, "end"]]);
    expect(await harness.page.evaluate((b) => b.isConnected, held)).toBe(false);
    expect(await harness.page.evaluate(() => (window as unknown as HarnessWindow).__harness.nodes.size)).toBe(5);
  });

  test("table rows as raw HTML go into the table as they are", async () => {
    expect(await createAtRoot([["table", 0, [0, "<tr><td>r</td></tr>"], ["tr", 0, ["td", 0, "s"]]]])).toEqual([
      ["table", 0, ["#comment", ""], ["tr", 0, ["td", 0, "r"]], ["tr", 0, ["td", 0, "s"]]],
    ]);
    expect(await harness.page.evaluate(() => document.querySelectorAll("#root tbody").length)).toBe(0);
  });

  test("a <script> in raw HTML is inserted but never runs", async () => {
    expect(await createAtRoot([[0, "<script>window.__ran = 1</script><b>after</b>"]])).toEqual([["#comment", ""], ["script", 0, "window.__ran = 1"], ["b", 0, "after"]]);
    await harness.page.waitForTimeout(20);
    expect(await harness.page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
  });
});

describe("static subtrees", () => {
  test("a definition and two references make three equal, separate clones; the definition stays pristine", async () => {
    const def: Tree = ["div", { class: "s" }, ["span", 0, "x"], " ", ["em", 0]];
    const dump = await createAtRoot([[1, 7, def], [2, 7], [2, 7]]);
    expect(dump).toEqual([def, def, def]);
    const clones = await harness.page.evaluate(() => {
      const H = (window as unknown as HarnessWindow).__harness;
      const [a, b, c] = Array.from(document.querySelectorAll("#root > div"));
      return { equal: a.isEqualNode(b) && b.isEqualNode(c), distinct: a !== b && b !== c && a.firstChild !== b.firstChild, ids: [H.node(1) === a, H.node(2) === b, H.node(3) === c], size: H.nodes.size };
    });
    // Only a static subtree's root has an id.
    expect(clones).toEqual({ equal: true, distinct: true, ids: [true, true, true], size: 3 });

    // Changing the first copy does not change what later references clone.
    expect(await apply([[4, 1, "class", "changed"], [1, 0, 0, 4, [[2, 7]]]])).toEqual([["div", { class: "changed" }, ["span", 0, "x"], " ", ["em", 0]], def, def, def]);
  });

  test("a static subtree inside SVG is in the SVG namespace, and so are its references", async () => {
    await createAtRoot([["svg", 0, [1, 1, ["g", 0, ["path", { d: "M0 0" }]]], [2, 1]]]);
    const namespaces = await harness.page.evaluate(() => Array.from(document.querySelectorAll("#root path, #root g"), (el) => el.namespaceURI));
    expect(namespaces).toEqual([SVG, SVG, SVG, SVG]);
  });
});

describe("event bindings", () => {
  test("@type entries mark the element for delegation and are not attributes", async () => {
    expect(await createAtRoot([["button", { "@click": 1, class: "b", "@keydown": 1 }, "go"]])).toEqual([["button", { class: "b" }, "go"]]);
    const state = await harness.page.evaluate(() => {
      const H = (window as unknown as HarnessWindow).__harness;
      H.apply([[4, 1, "@focus", 1], [5, 1, "@click"]]);
      return { ev: H.node(1).$ev, listened: H.listened, attrs: H.dump() };
    });
    expect(state).toEqual({ ev: { keydown: 1, focus: 1 }, listened: ["click", "keydown", "focus"], attrs: [["button", { class: "b" }, "go"]] });
  });
});

describe("ids and identity", () => {
  test("Move keeps the node, its subtree and what was typed into it", async () => {
    // ul 1; li 2 ("a" 3, input 4); li 5 ("b" 6, input 7); li 8 ("c" 9, input 10)
    await createAtRoot([["ul", 0, ["li", 0, "a", ["input", 0]], ["li", 0, "b", ["input", 0]], ["li", 0, "c", ["input", 0]]]]);
    const held = await harness.page.evaluateHandle(() => {
      const lis = Array.from(document.querySelectorAll("#root li"));
      lis.forEach((li, i) => (li.querySelector("input")!.value = "typed " + i));
      return lis;
    });
    const dump = await apply([[3, 8, 1, 2], [3, 2, 1, 0]]);
    expect(dump).toEqual([["ul", 0, ["li", 0, "c", ["input", 0]], ["li", 0, "b", ["input", 0]], ["li", 0, "a", ["input", 0]]]]);
    const after = await harness.page.evaluate((held) => {
      const lis = Array.from(document.querySelectorAll("#root li"));
      return { same: lis[0] === held[2] && lis[1] === held[1] && lis[2] === held[0], values: lis.map((li) => li.querySelector("input")!.value) };
    }, held);
    expect(after).toEqual({ same: true, values: ["typed 2", "typed 1", "typed 0"] });
    // Ids still address the moved nodes.
    expect(await apply([[7, 3, "A"]])).toEqual([["ul", 0, ["li", 0, "c", ["input", 0]], ["li", 0, "b", ["input", 0]], ["li", 0, "A", ["input", 0]]]]);
  });

  test("Move to another parent and before a raw range", async () => {
    // div 1 (raw 2, "r" after it is raw content), div 3 ("x" 4, span 5)
    await createAtRoot([["div", 0, [0, "<hr>"]], ["div", 0, "x", ["span", 0]]]);
    expect(await apply([[3, 5, 1, 2], [3, 4, 1, 0]])).toEqual([["div", 0, ["span", 0], ["#comment", ""], ["hr", 0], "x"], ["div", 0]]);
  });

  test("Clear empties an element and forgets every id below it", async () => {
    // ul 1; li 2 ("a" 3); li 4 (b 5 ("b" 6)); p 7
    await createAtRoot([["ul", 0, ["li", 0, "a"], ["li", 0, ["b", 0, "b"]]], ["p", 0]]);
    const result = await harness.page.evaluate(() => {
      const H = (window as unknown as HarnessWindow).__harness;
      const before = H.nodes.size;
      H.apply([[8, 1]]);
      const gone = [2, 3, 4, 5, 6].filter((id) => {
        try {
          H.node(id);
          return false;
        } catch {
          return true;
        }
      });
      return { before, after: H.nodes.size, gone, dump: H.dump() };
    });
    expect(result).toEqual({ before: 7, after: 2, gone: [2, 3, 4, 5, 6], dump: [["ul", 0], ["p", 0]] });

    // The cleared element takes new children with new ids.
    expect(await apply([[1, 1, 0, 8, [["li", 0, "new"]]], [7, 9, "newer"]])).toEqual([["ul", 0, ["li", 0, "newer"]], ["p", 0]]);
  });

  test("Clear of a long list empties it at once and forgets its ids when the page is idle", async () => {
    // ul 1; li 2 ("0" 3), li 4 ("1" 5), … 100 items: 201 ids
    await createAtRoot([["ul", 0, ...Array.from({ length: 100 }, (_, i): Tree => ["li", 0, String(i)])]]);
    const result = await harness.page.evaluate(async () => {
      const H = (window as unknown as HarnessWindow).__harness;
      const before = H.nodes.size;
      H.apply([[8, 1]]);
      const emptied = document.querySelector("#root ul")!.childNodes.length;
      const atOnce = H.nodes.size;
      // Idle callbacks run in the order they were asked for: the forgetting's first.
      await new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve)));
      return { before, emptied, atOnce, after: H.nodes.size };
    });
    expect(result).toEqual({ before: 201, emptied: 0, atOnce: 201, after: 1 });
  });

  test("a long list's ids waiting to be forgotten stay in a page built anew meanwhile (its ids start again)", async () => {
    await createAtRoot([["ul", 0, ...Array.from({ length: 100 }, (_, i): Tree => ["li", 0, String(i)])]]);
    const result = await harness.page.evaluate(async () => {
      const H = (window as unknown as HarnessWindow).__harness;
      H.apply([[8, 1]]);
      // A Mount numbers the page from 1 again: the map is replaced, ids 2 and 3 are new nodes.
      H.nodes.clear();
      const li = document.createElement("li");
      const text = document.createTextNode("new");
      H.nodes.set(2, li);
      H.nodes.set(3, text);
      await new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve)));
      return { li: H.nodes.find(2) === li, text: H.nodes.find(3) === text, size: H.nodes.size };
    });
    expect(result).toEqual({ li: true, text: true, size: 2 });
  });

  test("Clear of a <template> empties its content and forgets its ids", async () => {
    await createAtRoot([["template", 0, ["li", 0, "x"], ["li", 0, "y"]]]);
    const result = await harness.page.evaluate(() => {
      const H = (window as unknown as HarnessWindow).__harness;
      const before = H.nodes.size;
      H.apply([[8, 1]]);
      return { before, after: H.nodes.size, content: (H.node(1) as unknown as HTMLTemplateElement).content.childNodes.length };
    });
    expect(result).toEqual({ before: 5, after: 1, content: 0 });
  });

  test("Remove of a subtree forgets all of its ids, raw ranges and template contents included", async () => {
    // section 1; ul 2 (li 3 ("a" 4), raw 5); template 6 (i 7 ("t" 8)); "tail" 9; p 10
    await createAtRoot([["section", 0, ["ul", 0, ["li", 0, "a"], [0, "<li>raw</li>"]], ["template", 0, ["i", 0, "t"]], "tail"], ["p", 0]]);
    const result = await harness.page.evaluate(() => {
      const H = (window as unknown as HarnessWindow).__harness;
      const sizes = [H.nodes.size];
      H.apply([[2, 6]]);
      sizes.push(H.nodes.size);
      H.apply([[2, 1]]);
      sizes.push(H.nodes.size);
      return { sizes, dump: H.dump(), p: H.node(10) === document.querySelector("#root p") };
    });
    expect(result).toEqual({ sizes: [10, 7, 1], dump: [["p", 0]], p: true });
  });

  test("an op naming an unknown id throws (the runtime then resyncs)", async () => {
    await createAtRoot([["p", 0, "x"]]);
    const messages = await harness.page.evaluate(() => {
      const H = (window as unknown as HarnessWindow).__harness;
      const out: string[] = [];
      for (const op of [[7, 99, "y"], [2, 42], [3, 2, 77, 0], [9, 1]] as unknown as Parameters<typeof H.apply>[0]) {
        try {
          H.apply([op]);
          out.push("applied");
        } catch (e) {
          out.push((e as Error).message);
        }
      }
      return out;
    });
    expect(messages).toEqual(["Tether: no node with id 99", "Tether: no node with id 42", "Tether: no node with id 77", "Tether: unknown patch op [9,1]"]);
    expect(await harness.page.evaluate(() => (window as unknown as HarnessWindow).__harness.dump())).toEqual([["p", 0, "x"]]);
  });

  test("ids are assigned in pre-order from firstId, across several trees of one Create", async () => {
    await createAtRoot([["p", 0]]);
    const ids = await harness.page.evaluate(() => {
      const H = (window as unknown as HarnessWindow).__harness;
      H.apply([[1, 1, 0, 40, [["a", 0, "x", ["b", 0]], "y", [0, "<i>r</i>"], ["c", 0]]]]);
      return [40, 41, 42, 43, 44, 45].map((id) => {
        const n = H.node(id);
        return n.nodeType === Node.ELEMENT_NODE ? (n as Element).localName : n.nodeType === Node.COMMENT_NODE ? "#raw" : n.nodeValue;
      });
    });
    expect(ids).toEqual(["a", "x", "b", "y", "#raw", "c"]);
  });
});

test("no uncaught errors in the page", () => {
  expect(harness.errors).toEqual([]);
});

describe("regressions", () => {
  test("a Move keeps keyboard focus and the caret in the moved row", async () => {
    // ul 1 (li 2 (input 3), li 4 ("b" 5))
    await createAtRoot([["ul", 0, ["li", 0, ["input", 0]], ["li", 0, "b"]]]);
    const kept = await harness.page.evaluate(() => {
      const H = (window as unknown as HarnessWindow).__harness;
      const input = H.node(3) as unknown as HTMLInputElement;
      input.focus();
      input.value = "hello";
      input.setSelectionRange(2, 3);
      H.apply([[3, 2, 1, 0]]); // move the first row to the end
      return [document.activeElement === input, input.selectionStart, input.selectionEnd, input.value];
    });
    expect(kept).toEqual([true, 2, 3, "hello"]);
  });
});
