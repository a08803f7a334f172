import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classToString, styleToString } from "../../src/template/attributes.js";

describe("classToString", () => {
  it("keeps strings and numbers as they are", () => {
    expect(classToString("a  b")).toBe("a  b");
    expect(classToString(3)).toBe("3");
  });

  it("renders null, undefined and booleans as no class", () => {
    for (const v of [null, undefined, true, false]) expect(classToString(v)).toBe("");
  });

  it("joins the truthy names of an object, in insertion order", () => {
    expect(classToString({ active: true, hidden: false, big: 1, zero: 0, empty: "", nil: null })).toBe("active big");
  });

  it("flattens arrays, skipping empty parts, with single spaces", () => {
    expect(classToString(["a", null, "", false, ["b", { c: true, d: false }], 0, 7])).toBe("a b c 0 7");
    expect(classToString([])).toBe("");
    expect(classToString([[[]], { x: false }])).toBe("");
  });

  it("never produces leading, trailing or double spaces from arrays and objects (property)", () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/);
    const leaf = fc.oneof(name, fc.constant(null), fc.boolean(), fc.dictionary(name, fc.boolean(), { maxKeys: 4 }));
    const value = fc.array(fc.oneof(leaf, fc.array(leaf, { maxLength: 3 })), { maxLength: 6 });
    fc.assert(
      fc.property(value, (v) => {
        const s = classToString(v);
        expect(s).toBe(s.trim());
        expect(s).not.toContain("  ");
      }),
    );
  });

  it("yields exactly the enabled names of an object (property)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.boolean()), (o) => {
        const expected = Object.keys(o).filter((k) => o[k]);
        const s = classToString(o);
        expect(s === "" ? [] : s.split(" ")).toEqual(expected);
      }),
    );
  });
});

describe("styleToString", () => {
  it("keeps strings as they are and renders nullish and false as nothing", () => {
    expect(styleToString("color: red")).toBe("color: red");
    expect(styleToString(null)).toBe("");
    expect(styleToString(undefined)).toBe("");
    expect(styleToString(false)).toBe("");
  });

  it("turns camelCase into kebab-case and joins with ;", () => {
    expect(styleToString({ backgroundColor: "red", borderTopLeftRadius: "2px" })).toBe("background-color:red;border-top-left-radius:2px");
  });

  it("adds px to numbers except 0 and unitless properties", () => {
    expect(styleToString({ width: 10, marginTop: -4, height: 0, opacity: 0.5, zIndex: 3, lineHeight: 1.5, flexGrow: 2, gridRowStart: 1 })).toBe(
      "width:10px;margin-top:-4px;height:0;opacity:0.5;z-index:3;line-height:1.5;flex-grow:2;grid-row-start:1",
    );
  });

  it("keeps custom properties exactly as written, without units", () => {
    expect(styleToString({ "--mainColor": "blue", "--gap": 4 })).toBe("--mainColor:blue;--gap:4px");
  });

  it("skips null, false and empty-string values", () => {
    expect(styleToString({ color: null, width: false, height: "", top: 0 })).toBe("top:0");
  });
});
