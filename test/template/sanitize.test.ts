/**
 * The sanitizer of raw() and srcdoc (src/template/sanitize.ts): Markdown's markup kept as it is,
 * everything that could run script or restyle the page gone, the classic mutation payloads
 * included (what a browser makes of the output is tested in test/security/).
 */
import fc from "fast-check";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { h } from "../../src/template/h.js";
import { html } from "../../src/template/html.js";
import { sanitize } from "../../src/template/sanitize.js";
import type { VNode } from "../../src/vnode/vnode.js";

/** What marked writes for headings, emphasis, links, lists, task lists, code, tables, quotes, images and rules. */
const MARKDOWN = [
  "<h1>Title</h1>",
  "<h2>Sub</h2>",
  "<p>Some <em>em</em>, <strong>strong</strong>, <del>gone</del>, <code>code</code> and a <a href=\"https://example.com/\" title=\"t\">link</a>.</p>",
  "<ul>\n<li>one</li>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\" /> done</li>\n</ul>",
  "<ol start=\"3\">\n<li>three</li>\n</ol>",
  "<pre><code class=\"language-js\">const a = 1 &lt; 2;\n</code></pre>",
  "<table>\n<thead>\n<tr>\n<th align=\"left\">A</th>\n<th align=\"right\">B</th>\n</tr>\n</thead>\n<tbody><tr>\n<td align=\"left\">1</td>\n<td align=\"right\">2</td>\n</tr>\n</tbody></table>",
  "<blockquote>\n<p>quoted</p>\n</blockquote>",
  "<p><img src=\"https://example.com/a.png\" alt=\"a\" title=\"A\" /><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"\" /></p>",
  "<hr />",
  "<p>line<br />break &amp; &lt;tag&gt;</p>",
].join("\n");

describe("sanitize", () => {
  it("keeps what a Markdown renderer writes, exactly (boolean attributes written bare)", () => {
    expect(sanitize(MARKDOWN)).toBe(MARKDOWN.replace(`checked="" disabled=""`, "checked disabled"));
  });

  it("drops scripts, styles, frames, forms, objects and foreign content with what is inside them", () => {
    const input = `<script>alert(1)</script><style>body{display:none}</style><iframe src="https://x"></iframe><form action="/x"><button>b</button></form><object data="x"></object><embed src="x"><svg onload="alert(1)"><circle/></svg><math><mi>x</mi></math><textarea>t</textarea><noscript>n</noscript><template><b>t</b></template>ok`;
    const out = sanitize(input);
    for (const gone of ["<script", "<style", "<iframe", "<form", "<object", "<embed", "<svg", "<math", "<textarea", "<noscript", "<template", "alert", "display:none"]) expect(out).not.toContain(gone);
    expect(out).toMatch(/ok$/);
  });

  it("drops event attributes, style attributes, ids and names (no DOM clobbering of window.tether)", () => {
    expect(sanitize(`<p onclick="alert(1)" ONMOUSEOVER="x" style="position:fixed" id="tether" class="c">a</p><a name="cookie" href="/x">b</a>`)).toBe(`<p>a</p><a href="/x">b</a>`);
  });

  it("drops javascript:, vbscript: and data: documents from links and images, in every spelling", () => {
    const links = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>"];
    for (const url of links) {
      expect(sanitize(`<a href="${url}">x</a>`)).toBe("<a>x</a>");
      expect(sanitize(`<img src="${url}">`)).toBe("<img />");
    }
    expect(sanitize(`<img src="data:image/svg+xml,%3Csvg%3E">`)).toBe(`<img src="data:image/svg+xml,%3Csvg%3E" />`); // an image runs no script
  });

  it("keeps only http, https, mailto and tel links, relative ones and a code block's language class", () => {
    expect(sanitize(`<a href="ftp://x">a</a><a href="//host/x">b</a><a href="/rel?q=1&amp;r=2">c</a><a href="mailto:a@b.c">d</a>`)).toBe(
      `<a>a</a><a href="//host/x">b</a><a href="/rel?q=1&amp;r=2">c</a><a href="mailto:a@b.c">d</a>`,
    );
    expect(sanitize(`<code class="language-ts evil">x</code><p class="language-js">y</p>`)).toBe(`<code class="language-ts">x</code><p>y</p>`);
  });

  it("writes what it keeps well-formed: unclosed and stray tags closed as a browser would, values escaped", () => {
    expect(sanitize(`<p>a<p>b<div>c</p>`)).toBe("<p>a</p><p>b</p><div>c<p></p></div>");
    expect(sanitize(`<b title='"><script>x'>t</b>`)).toBe(`<b title="&quot;&gt;&lt;script&gt;x">t</b>`);
  });

  it("keeps a task list's checkbox only, and disabled", () => {
    expect(sanitize(`<input type="checkbox" checked><input type="text" value="x"><input type="submit">`)).toBe(`<input type="checkbox" checked disabled />`);
  });

  it("leaves no markup of the classic mutation payloads that could run", () => {
    const cases: Array<[string, string]> = [
      [`<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`, `<p title="&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;"></p>`], // an escaped title, nothing else
      // In <svg>, <style> is not raw text: a browser reads the <img> as an element too; it keeps no handler.
      [`<svg><style><img src=x onerror=alert(1)></style></svg>`, `<img src="x" />`],
      [`<svg><textarea><img src=x onerror=alert(1)></textarea></svg>`, `<img src="x" />`],
      [`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>`, "<table></table>"],
      [`<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>`, ""],
      [`<a href="javas&#99;ript:alert(1)">x</a>`, "<a>x</a>"],
      [`<img src="x" onerror="alert(1)"//>`, `<img src="x" />`],
      [`<div><!--<img src=x onerror=alert(1)>--></div>`, "<div></div>"],
      [`<![CDATA[<img src=x onerror=alert(1)>]]>`, ""], // in HTML, a comment
      [`<iframe><img src=x onerror=alert(1)></iframe>after`, "after"], // a frame's fallback is not content
      [`<?xml version="1.0"?><img src=x onerror=alert(1)>`, `<img src="x" />`],
    ];
    for (const [payload, out] of cases) expect(sanitize(payload)).toBe(out);
  });
});

describe("srcdoc", () => {
  it("is sanitized as raw() is, on every path", () => {
    const doc = `<script>alert(1)</script><b onclick="x()">ok</b>`;
    expect(h("iframe", { srcdoc: doc }).props.srcdoc).toBe("<b>ok</b>");
    expect((html`<iframe srcdoc=${doc}></iframe>` as VNode).props.srcdoc).toBe("<b>ok</b>");
    expect(h("iframe", { SRCDOC: doc }).props.SRCDOC).toBe("<b>ok</b>");
  });
});

describe("sanitize over random markup", () => {
  // Pieces of markup, hostile and ordinary, that a generator strings together in any order.
  const piece = fc.constantFrom(
    "<p>", "</p>", "<b>", "</b>", "<a href=\"https://x.test/\">", "<a href='javascript:alert(1)'>", "<a href=\"jav&#x09;ascript:alert(1)\">", "</a>",
    "<img src=x onerror=alert(1)>", "<img src=\"data:text/html,<script>alert(1)</script>\">", "<svg><g onload=alert(1)>", "</svg>",
    "<math><mi>", "</math>", "<script>", "</script>", "<style>", "</style>", "<textarea>", "</textarea>", "<noscript>", "</noscript>",
    "<xmp>", "</xmp>", "<iframe>", "</iframe>", "<template>", "</template>", "<table>", "<tr><td>", "</td></tr>", "</table>",
    "<!--", "-->", "<![CDATA[", "]]>", "<?xml?>", "\"", "'", "<", ">", "&lt;", "&amp;", "&#60;", "text", " ", "\n",
    "<div title=\"", "\">", "<input type=checkbox checked>", "<input type=text value=x>", "<code class=\"language-js x\">", "</code>",
    "<a href=\"/rel\" id=tether name=cookie style=\"color:red\" onclick=\"x()\">", "<details open><summary>s</summary>", "</details>",
    // Values and text that become markup if written back unescaped.
    "<b title='x\" onclick=\"alert(1)'>", "<span title='a\"><img src=x onerror=alert(1)>'>", "&lt;img src=x onerror=alert(1)&gt;", "&quot;",
  );
  const markup = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(""));

  /** Every tag and attribute a browser-like parser finds in `html`. */
  const parsed = (html: string): Array<{ tag: string; attrs: Record<string, string> }> => {
    const found: Array<{ tag: string; attrs: Record<string, string> }> = [];
    const parser = new Parser({ onopentag: (tag, attrs) => found.push({ tag, attrs }) }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
    parser.end(html);
    return found;
  };
  const ALLOWED = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark", "kbd", "samp", "var", "abbr", "cite", "q", "dfn", "time", "span", "div", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "a", "img", "figure", "figcaption", "details", "summary", "input"]);

  // Not asserted: that sanitizing the output again changes nothing. Dropping a wrapper can leave
  // blocks where HTML does not nest them (`<p><noscript><p>` gives `<p><p></p></p>`), which a
  // browser reads as sibling paragraphs: other elements, all of them allowed ones.
  it("writes only allowed elements, never an event or style attribute, an id, a name or a script URL", () => {
    fc.assert(
      fc.property(markup, (input) => {
        const out = sanitize(input);
        for (const { tag, attrs } of parsed(out)) {
          expect(ALLOWED.has(tag)).toBe(true);
          for (const [name, value] of Object.entries(attrs)) {
            expect(name.startsWith("on") || name === "style" || name === "id" || name === "name").toBe(false);
            expect(/^[\u0000-\u0020]*(?:javascript|vbscript|data:text)/i.test(value.replace(/[\t\n\r]/g, ""))).toBe(false);
          }
          if (tag === "input") expect(attrs).toMatchObject({ type: "checkbox", disabled: "" });
        }
      }),
      { numRuns: 400 },
    );
  });
});
