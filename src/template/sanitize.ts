/**
 * The sanitizer of raw() and of `srcdoc` (invariant 7, "Escaped by default" in ARCHITECTURE.md):
 * HTML from a string keeps ordinary formatting markup, what Markdown renderers such as marked
 * produce (headings, paragraphs, lists, links, code, tables, images, quotes, task-list checkboxes),
 * and loses everything that could run script or restyle the page: scripts, styles, frames, forms,
 * event attributes, `style` attributes, and URLs that url-attributes.ts would refuse.
 *
 * sanitize-html does the work: an allow-list sanitizer made for exactly this, maintained, and it
 * needs no DOM on the server (DOMPurify would need jsdom, a far larger dependency, per process).
 * It parses with htmlparser2 and writes the allowed markup out again, escaped, so what reaches
 * the page is well-formed HTML of allowed tags and attributes only.
 */
import { createRequire } from "node:module";
import type sanitizeHtml from "sanitize-html";
import { isSafeUrl } from "./url-attributes.js";

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "b", "i", "u", "s",
    "del", "ins", "sub", "sup", "small", "mark", "kbd", "samp", "var", "abbr", "cite", "q", "dfn", "time", "span", "div",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "a", "img", "figure", "figcaption", "details", "summary", "input",
  ],
  // No id or name: an element with id="tether" would shadow window.tether (DOM clobbering).
  allowedAttributes: {
    "*": ["title", "lang", "dir"],
    a: ["href"],
    img: ["src", "alt", "width", "height"],
    th: ["align", "colspan", "rowspan", "scope"],
    td: ["align", "colspan", "rowspan"],
    col: ["span"],
    colgroup: ["span"],
    ol: ["start", "reversed", "type"],
    li: ["value"],
    q: ["cite"],
    blockquote: ["cite"],
    del: ["cite", "datetime"],
    ins: ["cite", "datetime"],
    time: ["datetime"],
    details: ["open"],
    input: ["type", "checked", "disabled"],
  },
  // A code block's language, as marked writes it (`language-js`), for a highlighter.
  allowedClasses: { code: ["language-*"] },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["http", "https", "data"] },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: true,
  disallowedTagsMode: "discard",
  // Only a task list's checkbox, and disabled: no form control the page's user could fill in.
  exclusiveFilter: (frame) => frame.tag === "input" && frame.attribs.type !== "checkbox",
  transformTags: {
    input: (tagName, attribs) => ({ tagName, attribs: { ...attribs, disabled: "" } }),
    // data: only of an image type (sanitize-html checks the scheme, not the type).
    img: (tagName, attribs) => {
      if (attribs.src !== undefined && !isSafeUrl(attribs.src, true)) {
        const { src: _, ...rest } = attribs;
        return { tagName, attribs: rest };
      }
      return { tagName, attribs };
    },
  },
};

// Loaded at the first call: it brings htmlparser2 and postcss (measured: ~60 ms and ~17 MB of
// RSS at startup), which an app that never calls raw() has no use for.
let sanitizer: typeof sanitizeHtml | null = null;

/**
 * HTML with only ordinary formatting markup left (see the module's doc). It costs a parse and
 * a serialization of the whole string: about 0.5 ms for 2 KB of Markdown output.
 */
export function sanitize(html: string): string {
  sanitizer ??= createRequire(import.meta.url)("sanitize-html") as typeof sanitizeHtml;
  return sanitizer(html, OPTIONS);
}
