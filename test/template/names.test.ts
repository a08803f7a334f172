/**
 * Tag and attribute names (src/template/names.ts): HTML's grammar, the wire's prefixes, and
 * the kind of each attribute, with every way a name reaches it (h, JSX, html, spread props).
 */
import { describe, expect, it } from "vitest";
import { h } from "../../src/template/h.js";
import { html } from "../../src/template/html.js";
import { jsx } from "../../src/template/jsx-runtime.js";
import { attributeKind, checkTagName, NameKind } from "../../src/template/names.js";

describe("checkTagName", () => {
  it("takes HTML, SVG and custom element names", () => {
    for (const tag of ["div", "h1", "DIV", "svg", "foreignObject", "clipPath", "x-card", "my-element-2", "font-face"]) expect(() => checkTagName(tag)).not.toThrow();
  });

  it("refuses anything that could not be written as a start tag safely, naming it", () => {
    for (const tag of ["", "1div", "-x", "img src=x onerror=alert(1)", "a/", "a>", "script>alert(1)</script", "svg:a", "é", "div\u0000", "a b", "x_y", "a.b"]) {
      expect(() => checkTagName(tag)).toThrow(TypeError);
    }
    expect(() => checkTagName("img onerror=x")).toThrow(`"img onerror=x" is not a valid tag name`);
  });

  it("is checked on every path that makes an element", () => {
    const tag = "img src=x onerror=alert(1)";
    expect(() => h(tag, null)).toThrow(/not a valid tag name/);
    expect(() => jsx(tag, {})).toThrow(/not a valid tag name/);
    expect(() => html`<${tag} />`).toThrow(/not a valid tag name/);
    expect(() => html`<${tag} id=${"x"}>${"c"}<//>`).toThrow(/not a valid tag name/);
    expect(() => html`<${tag} ...${{ id: "x" }} />`).toThrow(/not a valid tag name/);
  });
});

describe("attributeKind", () => {
  it("takes the names HTML allows: data-, aria-, namespaced, camelCase SVG, non-ASCII", () => {
    for (const name of ["id", "data-x", "aria-label", "xlink:title", "xml:lang", "viewBox", "t-ignore", "x_y", "straße", "[x]", "1x"]) {
      expect(attributeKind(name, "p")).toBe(NameKind.Plain);
    }
  });

  it("refuses names HTML does not allow: whitespace, quotes, <, >, /, =, controls, noncharacters", () => {
    const bad = ["", "a b", "a\tb", 'a"', "a'", "a<", "a>", "a/b", "a=b", "a\u0000", "a\u007f", "a\u0085", "a\u009f", "a\ufdd0", "a\uffff", "a\u{1fffe}", "a\u00a0b"];
    for (const name of bad) expect(() => attributeKind(name, "p")).toThrow(TypeError);
    expect(() => attributeKind("a b", "p")).toThrow(`"a b" is not a valid attribute name (on <p>)`);
  });

  it("refuses names that begin with the wire's own prefixes, so none is read as a property or an event binding", () => {
    expect(() => attributeKind(".innerHTML", "div")).toThrow(/"\.innerHTML" is not allowed as an attribute name \(on <div>\): names beginning with "@" or "\." are Tether's own/);
    expect(() => attributeKind("@click", "div")).toThrow(TypeError);
    expect(() => attributeKind(".value", "input")).toThrow(TypeError);
  });

  it("refuses __proto__", () => {
    expect(() => attributeKind("__proto__", "a")).toThrow(`"__proto__" is not allowed as an attribute name (on <a>)`);
  });

  it("tells events in any case, and URL attributes in any case", () => {
    for (const name of ["onclick", "onClick", "ONCLICK", "OnMouseOver"]) expect(attributeKind(name, "a")).toBe(NameKind.Event);
    for (const name of ["href", "HREF", "src", "xlink:href"]) expect(attributeKind(name, "a")).toBe(NameKind.Url);
    expect(attributeKind("on", "a")).toBe(NameKind.Plain);
  });

  it("answers the same for names it has seen and for many it has not (its memory is bounded)", () => {
    for (let i = 0; i < 5000; i++) expect(attributeKind(`data-n${i}`, "p")).toBe(NameKind.Plain);
    expect(() => attributeKind("@late", "p")).toThrow(TypeError);
    expect(attributeKind("data-n1", "p")).toBe(NameKind.Plain);
  });
});

describe("names from data, on every path", () => {
  const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

  it("refuses .innerHTML and @click from h, JSX, html and spread props", () => {
    const props = json(`{".innerHTML": "<img src=x onerror=alert(1)>"}`);
    expect(() => h("div", props)).toThrow(/"\.innerHTML" is not allowed/);
    expect(() => jsx("div", props)).toThrow(/"\.innerHTML" is not allowed/);
    expect(() => html`<div ...${props}>x</div>`).toThrow(/"\.innerHTML" is not allowed/);
    expect(() => html`<div .innerHTML=${"<b>x</b>"}>x</div>`).toThrow(/"\.innerHTML" is not allowed/);
    expect(() => html`<div @click=${() => {}}>x</div>`).toThrow(/"@click" is not allowed/);
  });

  it("refuses an own __proto__ key of JSON given as props to h or JSX", () => {
    const props = json(`{"__proto__": {"onclick": "alert(1)", "href": "javascript:alert(1)"}, "id": "x"}`);
    expect(() => h("a", props)).toThrow(/"__proto__" is not allowed/);
    expect(() => jsx("a", props)).toThrow(/"__proto__" is not allowed/);
    expect(() => jsx("a", { ...props, children: "c" })).toThrow(/"__proto__" is not allowed/);
  });

  it("refuses a bad name from spread props at every render, not only the first", () => {
    const render = (props: object) => html`<p ...${props}>x</p>`;
    expect(() => render({ "a b": 1 })).toThrow(TypeError);
    expect(() => render({ "a b": 1 })).toThrow(TypeError);
    expect(() => render({ ok: 1 })).not.toThrow();
  });
});
