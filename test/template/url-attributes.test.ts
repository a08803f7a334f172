/**
 * URL-bearing attributes (src/template/url-attributes.ts): which names hold URLs on which
 * elements, the schemes that run script in every spelling a browser still reads, and data:
 * URLs by the type a browser would render and where.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { h } from "../../src/template/h.js";
import { html } from "../../src/template/html.js";
import { BLOCKED_URL, checkUrlAttribute, isSafeUrl, isUrlAttribute } from "../../src/template/url-attributes.js";
import type { VNode } from "../../src/vnode/vnode.js";

const B = BLOCKED_URL;

describe("isUrlAttribute", () => {
  it("names every attribute that may hold a URL on some element", () => {
    const names = ["href", "src", "action", "formaction", "xlink:href", "poster", "cite", "background", "data", "ping", "manifest", "codebase", "archive", "longdesc", "usemap", "lowsrc", "dynsrc", "srcset", "imagesrcset", "to", "from", "by", "values", "content"];
    for (const name of names) expect(isUrlAttribute(name)).toBe(true);
    for (const name of ["title", "class", "alt", "srcset-not", "id", "attributename"]) expect(isUrlAttribute(name)).toBe(false);
  });
});

describe("isSafeUrl: script schemes", () => {
  it("refuses javascript: and vbscript: in any case", () => {
    for (const url of ["javascript:alert(1)", "JavaScript:alert(1)", "JAVASCRIPT:", "vbscript:msgbox(1)", "VBScript:x"]) expect(isSafeUrl(url, false)).toBe(false);
  });

  it("refuses them with the leading controls and spaces and the inner tabs and newlines browsers ignore", () => {
    for (const url of ["  javascript:x", "\u0000\u001f javascript:x", "java\tscript:x", "j\na\rv\ta\ns\nc\nr\ni\np\nt\n:x", "\u0001vb\tscript:x"]) {
      expect(isSafeUrl(url, false)).toBe(false);
      expect(isSafeUrl(url, true)).toBe(false);
    }
  });

  it("keeps other schemes, relative URLs and script schemes later in the URL", () => {
    const urls = ["https://example.com", "/javascript:x", "?javascript:", "#javascript:", "javascript", "java script:x", "mailto:a@b.c", "", "&#106;avascript:alert(1)", "\u00a0javascript:x"];
    for (const url of urls) expect(isSafeUrl(url, false)).toBe(true);
  });

  it("refuses any mix of ignorable characters around the scheme letters (property)", () => {
    const ignorable = fc.constantFrom("\t", "\n", "\r");
    const gap = fc.array(ignorable, { maxLength: 2 }).map((a) => a.join(""));
    const lead = fc.array(fc.integer({ min: 0, max: 0x20 }).map((c) => String.fromCharCode(c)), { maxLength: 3 }).map((a) => a.join(""));
    fc.assert(
      fc.property(lead, fc.array(gap, { minLength: 10, maxLength: 10 }), fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), fc.constantFrom("javascript", "vbscript"), (l, gaps, upper, letters) => {
        let url = l;
        for (let i = 0; i < letters.length; i++) url += (upper[i] ? letters[i].toUpperCase() : letters[i]) + gaps[i];
        expect(isSafeUrl(url + ":void(0)", false)).toBe(false);
      }),
    );
  });

  it("keeps the blocked value itself", () => {
    expect(BLOCKED_URL).toBe("about:blank#blocked");
    expect(isSafeUrl(BLOCKED_URL, false)).toBe(true);
  });
});

describe("isSafeUrl: data: URLs", () => {
  it("refuses types a browser renders as a document, in any spelling", () => {
    const urls = ["data:text/html,<script>alert(1)</script>", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "DATA:TEXT/HTML,x", " data: text/html ,x", "da\tta:text/html,x", "data:application/xhtml+xml,x", "data:image/svg+xml,<svg onload=alert(1)>", "data:text/xml,x", "data:application/javascript,alert(1)", "data:text/html;charset=utf-8,x"];
    for (const url of urls) expect(isSafeUrl(url, false)).toBe(false);
  });

  it("keeps inert types: text, CSV, JSON, raster images, audio, video, and no type at all", () => {
    for (const url of ["data:,hello", "data:text/plain,x", "data:text/csv;charset=utf-8,a,b", "data:application/json,{}", "data:image/png;base64,iVBORw0KGgo=", "data:video/mp4;base64,AAAA", "data:;base64,SGk="]) {
      expect(isSafeUrl(url, false)).toBe(true);
    }
  });

  it("keeps any image type, SVG included, where only an image is loaded", () => {
    expect(isSafeUrl("data:image/svg+xml,<svg onload=alert(1)>", true)).toBe(true);
    expect(isSafeUrl("data:text/html,x", true)).toBe(false);
  });
});

describe("checkUrlAttribute, per element", () => {
  it("checks every URL attribute, keeping ordinary URLs as they are", () => {
    for (const [tag, name] of [["a", "href"], ["form", "action"], ["button", "formaction"], ["input", "formaction"], ["base", "href"], ["blockquote", "cite"], ["object", "data"], ["embed", "src"], ["iframe", "src"], ["a", "ping"], ["use", "xlink:href"], ["html", "manifest"]]) {
      expect(checkUrlAttribute(tag, name, "javascript:alert(1)")).toBe(B);
      expect(checkUrlAttribute(tag, name, "/path?q=1#x")).toBe("/path?q=1#x");
    }
  });

  it("refuses a data: document where a frame, object or link could load it, and keeps images in img", () => {
    const page = "data:text/html,<script>alert(1)</script>";
    for (const [tag, name] of [["iframe", "src"], ["frame", "src"], ["object", "data"], ["embed", "src"], ["a", "href"], ["form", "action"]]) expect(checkUrlAttribute(tag, name, page)).toBe(B);
    const svg = "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>";
    for (const [tag, name] of [["img", "src"], ["IMG", "src"], ["video", "poster"], ["image", "href"], ["feImage", "xlink:href"], ["td", "background"]]) expect(checkUrlAttribute(tag, name, svg)).toBe(svg);
    expect(checkUrlAttribute("iframe", "src", svg)).toBe(B);
    expect(checkUrlAttribute("a", "href", "data:text/csv,a,b")).toBe("data:text/csv,a,b"); // a download link
  });

  it("checks every candidate of an image list", () => {
    expect(checkUrlAttribute("img", "srcset", "a.png 1x, b.png 2x")).toBe("a.png 1x, b.png 2x");
    expect(checkUrlAttribute("img", "srcset", "a.png 1x, javascript:alert(1) 2x")).toBe(B);
    expect(checkUrlAttribute("source", "srcset", "data:image/png;base64,iVBOR 1x")).toBe("data:image/png;base64,iVBOR 1x");
    expect(checkUrlAttribute("link", "imagesrcset", "data:text/html,x 1x")).toBe(B);
  });

  it("checks to, from, by and values on SVG animation elements, whatever they animate, and nowhere else", () => {
    for (const tag of ["animate", "set", "animateMotion", "animateTransform"]) {
      for (const name of ["to", "from", "by"]) expect(checkUrlAttribute(tag, name, "javascript:alert(1)")).toBe(B);
      expect(checkUrlAttribute(tag, "values", "#a;javascript:alert(1)")).toBe(B);
      expect(checkUrlAttribute(tag, "values", "0;10;0")).toBe("0;10;0");
    }
    expect(checkUrlAttribute("feColorMatrix", "values", "javascript:")).toBe("javascript:");
  });

  it("checks a meta refresh's URL, in every form the refresh syntax allows", () => {
    for (const content of ["0;url=javascript:alert(1)", "0; URL = 'javascript:alert(1)'", "5,javascript:alert(1)", "javascript:alert(1)", "0;url=data:text/html,x", ' 1.5 ; url="vbscript:x"']) {
      expect(checkUrlAttribute("meta", "content", content)).toBe(B);
    }
    for (const content of ["0;url=/next", "width=device-width, initial-scale=1", "Learn JavaScript: the basics"]) expect(checkUrlAttribute("meta", "content", content)).toBe(content);
    expect(checkUrlAttribute("div", "content", "javascript:x")).toBe("javascript:x");
  });
});

describe("through the templates", () => {
  const props = (v: unknown) => (v as VNode).props;
  const first = (v: unknown) => (v as VNode).children[0];

  it("blocks what the table blocks, on every path, in any case, and keeps the value's type when it is safe", () => {
    expect(props(h("a", { HREF: "vbscript:x" })).HREF).toBe(B);
    expect(props(html`<iframe src=${"data:text/html,x"}></iframe>`).src).toBe(B);
    expect(props(first(html`<svg><set attributeName="href" to=${"javascript:alert(1)"} /></svg>`)).to).toBe(B);
    expect(props(first(html`<svg><animate attributeName="href" values="javascript:alert(1)" /></svg>`)).values).toBe(B);
    expect(props(h("meta", { "http-equiv": "refresh", content: "0;url=javascript:alert(1)" })).content).toBe(B);
    expect(props(h("img", { src: 3 })).src).toBe(3);
  });
});
