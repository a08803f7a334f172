import { describe, expect, it } from "vitest";
import { raw } from "../../src/template/raw.js";
import { VNodeFlags } from "../../src/vnode/flags.js";

describe("raw", () => {
  it("builds a Raw vnode holding the HTML sanitized: formatting kept, handlers and comments gone", () => {
    const v = raw(`<b onclick="x()">&amp;</b><!-- c --><script>alert(1)</script>`);
    expect(v.flags).toBe(VNodeFlags.Raw);
    expect(v.type).toBeNull();
    expect(v.key).toBeNull();
    expect(v.props).toEqual({ html: "<b>&amp;</b>" });
    expect(v.children).toHaveLength(0);
  });

  it("raw.trusted builds a Raw vnode holding the HTML unchanged: the one way to skip the sanitizer", () => {
    const markup = `<b onclick="x()">&amp;</b><!-- c -->`;
    const v = raw.trusted(markup);
    expect(v.flags).toBe(VNodeFlags.Raw);
    expect(v.props).toEqual({ html: markup });
    expect(() => raw.trusted(1 as never)).toThrow(/takes a string/);
  });

  it("builds a new vnode each call (raw HTML is compared by content, not identity)", () => {
    expect(raw("<i></i>")).not.toBe(raw("<i></i>"));
  });

  it("refuses anything but a string", () => {
    expect(() => raw(42 as never)).toThrow(TypeError);
    expect(() => raw(null as never)).toThrow(/takes a string/);
    expect(() => raw({ toString: () => "<b></b>" } as never)).toThrow(TypeError);
  });
});
