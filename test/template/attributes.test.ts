import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BLOCKED_URL, classToString, isJavascriptUrl, isUrlAttribute, styleToString } from "../../src/template/attributes.js";

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

describe("isUrlAttribute", () => {
  it("names the attributes a browser navigates to or loads", () => {
    for (const name of ["href", "src", "action", "formaction", "xlink:href", "poster", "cite", "background", "data"]) {
      expect(isUrlAttribute(name)).toBe(true);
    }
    for (const name of ["title", "class", "alt", "srcset-not", "id"]) expect(isUrlAttribute(name)).toBe(false);
  });
});

describe("isJavascriptUrl", () => {
  it("matches javascript: in any case", () => {
    expect(isJavascriptUrl("javascript:alert(1)")).toBe(true);
    expect(isJavascriptUrl("JavaScript:alert(1)")).toBe(true);
    expect(isJavascriptUrl("JAVASCRIPT:")).toBe(true);
  });

  it("matches with the leading controls and spaces and the inner tabs and newlines browsers ignore", () => {
    expect(isJavascriptUrl("  javascript:x")).toBe(true);
    expect(isJavascriptUrl("\u0000\u001f javascript:x")).toBe(true);
    expect(isJavascriptUrl("java\tscript:x")).toBe(true);
    expect(isJavascriptUrl("j\na\rv\ta\ns\nc\nr\ni\np\nt\n:x")).toBe(true);
  });

  it("does not match other schemes, relative URLs or javascript: later in the URL", () => {
    for (const url of ["https://example.com", "/javascript:x", "?javascript:", "#javascript:", "javascript", "java script:x", "vbscript:x", "data:text/html,x", ""]) {
      expect(isJavascriptUrl(url)).toBe(false);
    }
  });

  it("matches any mix of ignorable characters around the scheme letters (property)", () => {
    const ignorable = fc.constantFrom("\t", "\n", "\r");
    const gap = fc.array(ignorable, { maxLength: 2 }).map((a) => a.join(""));
    const lead = fc.array(fc.integer({ min: 0, max: 0x20 }).map((c) => String.fromCharCode(c)), { maxLength: 3 }).map((a) => a.join(""));
    fc.assert(
      fc.property(lead, fc.array(gap, { minLength: 10, maxLength: 10 }), fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), (l, gaps, upper) => {
        let url = l;
        const letters = "javascript";
        for (let i = 0; i < letters.length; i++) url += (upper[i] ? letters[i].toUpperCase() : letters[i]) + gaps[i];
        expect(isJavascriptUrl(url + ":void(0)")).toBe(true);
      }),
    );
  });

  it("is the blocked value itself not a javascript URL", () => {
    expect(BLOCKED_URL).toBe("about:blank#blocked");
    expect(isJavascriptUrl(BLOCKED_URL)).toBe(false);
  });
});
