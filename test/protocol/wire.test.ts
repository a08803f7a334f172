/**
 * The wire constants, and the op semantics of wire.ts as test/support/ops-model.ts implements
 * them: every diff test trusts that model, so it is pinned here, strictness included. And
 * wire.ts's doc comments, read as text, against its types: they are what a reader of the
 * protocol trusts, and they drift when a field is added to a type and not to its doc.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EVENT_PREFIX, Msg, NavigationEvents, Op, PROP_PREFIX, RESERVED_PREFIX, ROOT_ID, TreeKind, WindowCalls, type PatchOp } from "../../src/protocol/wire.js";
import { applyOps, checkModel, childIds, countOps, createModel, toHtml, type Model } from "../support/ops-model.js";

const { Create, Remove, Move, SetAttr, RemoveAttr, SetProp, SetText, Clear } = Op;

describe("wire constants", () => {
  it("gives every message kind and op code a distinct number", () => {
    const kinds = Object.values(Msg);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(Object.values(Op).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(Object.values(TreeKind)).size).toBe(5);
  });

  it("keeps browser→server kinds below server→browser kinds", () => {
    for (const k of [Msg.Join, Msg.Event, Msg.Ack, Msg.Ping]) expect(k).toBeLessThan(Msg.Mount);
  });

  it("numbers the root 0 and prefixes events and props with @ and .", () => {
    expect(ROOT_ID).toBe(0);
    expect(EVENT_PREFIX).toBe("@");
    expect(PROP_PREFIX).toBe(".");
  });

  it("names Tether's own page events and built-in calls under the one reserved prefix", () => {
    expect(RESERVED_PREFIX).toBe("tether:");
    const own = [...Object.values(NavigationEvents), ...Object.values(WindowCalls)];
    expect(own.filter((name) => !name.startsWith(RESERVED_PREFIX))).toEqual([]);
  });
});

// The protocol's files read as one: wire.ts, and the errors and the op and tree encodings it re-exports.
const source = ["wire.ts", "errors.ts", "patch-ops.ts"].map((file) => readFileSync(new URL(`../../src/protocol/${file}`, import.meta.url), "utf8")).join("\n");

/** The doc comment that ends right before `at` in wire.ts (blank lines aside), without its stars; "" if none. */
function docBefore(at: number): string {
  const before = source.slice(0, at).trimEnd();
  if (!before.endsWith("*/")) return "";
  const doc = before.slice(before.lastIndexOf("/**") + 3, -2);
  return doc.replace(/^\s*\* ?/gm, "").trim();
}

/** The entries of an `export const name = { … } as const` object, each with its doc comment. */
function constEntries(name: string): { key: string; doc: string }[] {
  const start = source.indexOf(`export const ${name} = {`);
  const end = source.indexOf("} as const;", start);
  const out: { key: string; doc: string }[] = [];
  for (const match of source.slice(start, end).matchAll(/^ {2}(\w+): /gm)) out.push({ key: match[1], doc: docBefore(start + match.index) });
  return out;
}

/** Every message interface: its kind, its fields as written (`s?` when optional) and the fields its doc lists. */
function messageTypes(): { name: string; kind: string; fields: string[]; documented: string[] }[] {
  const out = [];
  for (const match of source.matchAll(/export interface (\w+Message) \{\s*k: typeof Msg\.(\w+);?([^}]*)\}/g)) {
    const fields = match[3].split(/[;\n]/).map((f) => f.trim()).filter((f) => f !== "").map((f) => f.slice(0, f.indexOf(":")));
    const documented = [...docBefore(match.index).matchAll(/^- `(\w+\??)`/gm)].map((m) => m[1]);
    out.push({ name: match[1], kind: match[2], fields, documented });
  }
  return out;
}

/** The labels of a tuple type written in wire.ts, after its first (the op or kind): `[op: …, id: number]` → ["id"]. */
function tupleLabels(tuple: string): string[] {
  return [...tuple.matchAll(/(\w+)\??: /g)].map((m) => m[1]).slice(1);
}

describe("wire.ts documents what its types say", () => {
  it("lists in each message type's doc comment exactly its fields, in order, optional ones marked", () => {
    const types = messageTypes();
    expect(types.map((t) => t.kind).sort()).toEqual(Object.keys(Msg).sort()); // one type per kind, all parsed
    for (const { name, fields, documented } of types) expect(documented, name).toEqual(fields);
  });

  it("names each kind's message type in its Msg entry's doc", () => {
    const byKind = new Map(messageTypes().map((t) => [t.kind, t.name]));
    for (const { key, doc } of constEntries("Msg")) expect(doc, `Msg.${key}`).toMatch(new RegExp(`\\b${byKind.get(key)}\\.$`));
  });

  it("gives each op code the fields of its PatchOp, in order", () => {
    const union = source.slice(source.indexOf("export type PatchOp ="), source.indexOf(";\n", source.indexOf("export type PatchOp =")));
    for (const { key, doc } of constEntries("Op")) {
      const tuple = union.split("\n").find((line) => line.includes(`typeof Op.${key},`))!;
      const written = /^`\[(\w+)((?:, \w+)*)\]`/.exec(doc);
      expect(written, `Op.${key}`).not.toBeNull();
      expect(written![1], `Op.${key}`).toBe(key);
      expect(written![2].split(", ").slice(1), `Op.${key}`).toEqual(tupleLabels(tuple));
    }
  });

  it("gives each tree kind the fields of its tree type, in order", () => {
    for (const { key, doc } of constEntries("TreeKind")) {
      const tuple = new RegExp(`export type \\w+ = \\[kind: typeof TreeKind\\.${key}, [^\\]]*\\]`).exec(source)![0];
      const written = /^`\[(\w+)((?:, \w+)*)\]`/.exec(doc)!;
      expect(written[1], `TreeKind.${key}`).toBe(key);
      expect(written[2].split(", ").slice(1), `TreeKind.${key}`).toEqual(tupleLabels(tuple));
    }
  });

  it("documents every entry of its constant tables", () => {
    for (const table of ["Msg", "Op", "TreeKind", "ErrorCodes", "ErrorNames", "Directive"]) {
      const entries = constEntries(table);
      expect(entries.length, table).toBeGreaterThan(0);
      for (const { key, doc } of entries) expect(doc, `${table}.${key}`).not.toBe("");
    }
  });
});

function modelWith(ops: PatchOp[]): Model {
  const model = createModel();
  applyOps(model, ops);
  checkModel(model);
  return model;
}

// <ul id=1><li 2>"a" 3</li><li 4>"b" 5</li></ul>
const base: PatchOp[] = [[Create, 0, 0, 1, [["ul", 0, ["li", 0, "a"], ["li", 0, "b"]]]]];

describe("ops model: Create", () => {
  it("assigns ids in pre-order; Raw, StaticDef and StaticRef take one id each", () => {
    const model = modelWith([
      [Create, 0, 0, 1, ["t", ["div", { id: "x" }, [TreeKind.Raw, "<i>r</i>"], [TreeKind.StaticDef, 1, ["p", 0, "s", ["b", 0]]], "u"], [TreeKind.StaticRef, 1]]],
    ]);
    expect(model.nodes.get(1)!.text).toBe("t");
    expect(model.nodes.get(2)!.tag).toBe("div");
    expect(model.nodes.get(3)!.raw).toBe("<i>r</i>");
    expect(model.nodes.get(4)!.tag).toBe("p");
    expect(model.nodes.get(5)!.text).toBe("u");
    expect(model.nodes.get(6)!.tag).toBe("p");
    expect(model.nodes.size).toBe(7); // the root and 1-6; nothing inside the statics
    expect(model.nodes.get(6)).not.toBe(model.nodes.get(4)); // a reference is a clone
    expect(toHtml(model)).toBe('t<div id="x"><i>r</i><p>s<b></b></p>u</div><p>s<b></b></p>');
  });

  it("inserts before the anchor, or appends for 0", () => {
    const model = modelWith([...base, [Create, 1, 4, 6, [["li", 0, "mid"]]], [Create, 1, 0, 8, [["li", 0, "end"]]]]);
    expect(childIds(model, 1)).toEqual([2, 6, 4, 8]);
    expect(toHtml(model)).toBe("<ul><li>a</li><li>mid</li><li>b</li><li>end</li></ul>");
  });

  it("refuses unknown parents, foreign anchors, text parents and reused ids", () => {
    expect(() => modelWith([...base, [Create, 9, 0, 6, ["x"]]])).toThrow(/unknown id 9/);
    expect(() => modelWith([...base, [Create, 2, 4, 6, ["x"]]])).toThrow(/anchor 4 is not a child of 2/);
    expect(() => modelWith([...base, [Create, 3, 0, 6, ["x"]]])).toThrow(/not an element/);
    expect(() => modelWith([...base, [Create, 1, 0, 5, ["x"]]])).toThrow(/id 5 is already in use/);
    expect(() => modelWith([[Create, 0, 0, 1, [[TreeKind.StaticRef, 3]]]])).toThrow(/referenced before its definition/);
  });
});

describe("ops model: Remove, Move, Clear", () => {
  it("Remove takes the node and its subtree out and forgets their ids", () => {
    const model = modelWith([...base, [Remove, 2]]);
    expect(model.nodes.has(2)).toBe(false);
    expect(model.nodes.has(3)).toBe(false);
    expect(() => applyOps(model, [[SetText, 3, "x"]])).toThrow(/unknown id 3/);
  });

  it("Move keeps the node object and reorders within the parent", () => {
    const model = modelWith(base);
    const li = model.nodes.get(4);
    applyOps(model, [[Move, 4, 1, 2]]);
    expect(childIds(model, 1)).toEqual([4, 2]);
    expect(model.nodes.get(4)).toBe(li);
    applyOps(model, [[Move, 4, 1, 0]]);
    expect(childIds(model, 1)).toEqual([2, 4]);
  });

  it("Move refuses other parents, unknown anchors and itself as anchor", () => {
    expect(() => modelWith([...base, [Move, 3, 1, 0]])).toThrow(/not a child of 1/);
    expect(() => modelWith([...base, [Move, 4, 1, 4]])).toThrow(/before itself/);
    expect(() => modelWith([...base, [Move, 4, 1, 99]])).toThrow(/unknown id 99/);
  });

  it("Clear removes every child and forgets their ids", () => {
    const model = modelWith([...base, [Clear, 1]]);
    expect(childIds(model, 1)).toEqual([]);
    expect([...model.nodes.keys()]).toEqual([0, 1]);
  });
});

describe("ops model: attributes, props and text", () => {
  it("applies attribute, event, property and text ops", () => {
    const model = modelWith([
      [Create, 0, 0, 1, [["input", { type: "text", ".value": "a" }]]],
      [SetAttr, 1, "title", "t"],
      [SetAttr, 1, "@input", 1],
      [SetProp, 1, "checked", true],
      [SetProp, 1, "value", null],
      [RemoveAttr, 1, "type"],
    ]);
    expect(toHtml(model)).toBe('<input .checked=true @input title="t"></input>');
  });

  it("refuses text ops on elements, attribute ops on text, and removing an absent attribute", () => {
    expect(() => modelWith([...base, [SetText, 2, "x"]])).toThrow(/not a text node/);
    expect(() => modelWith([...base, [SetAttr, 3, "id", "x"]])).toThrow(/not an element/);
    expect(() => modelWith([...base, [RemoveAttr, 2, "id"]])).toThrow(/no attribute id/);
    expect(() => modelWith([...base, [SetAttr, 2, "@click", "alert(1)" as never]])).toThrow(/event binding/);
  });

  it("serializes canonically: sorted names, escaped text, separated text nodes", () => {
    const model = modelWith([[Create, 0, 0, 1, [["a", { title: 'say "hi"', href: "/?a=1&b=2", class: "x" }, "<b>", "&"]]]]);
    expect(toHtml(model)).toBe('<a class="x" href="/?a=1&amp;b=2" title="say &quot;hi&quot;">&lt;b&gt;<!---->&amp;</a>');
  });
});

describe("ops model: log", () => {
  it("counts applied ops by kind, per batch and in total", () => {
    const model = createModel();
    expect(applyOps(model, base)).toMatchObject({ create: 1, move: 0 });
    const batch = applyOps(model, [[Move, 4, 1, 2], [Move, 2, 1, 0], [SetText, 3, "A"]]);
    expect(batch).toEqual({ create: 0, remove: 0, move: 2, setAttr: 0, removeAttr: 0, setProp: 0, setText: 1, clear: 0 });
    expect(model.counts).toMatchObject({ create: 1, move: 2, setText: 1 });
    expect(model.log).toHaveLength(4);
    expect(countOps([[Clear, 0], [Clear, 1]]).clear).toBe(2);
  });
});
