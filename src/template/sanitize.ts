/**
 * The sanitizer of raw() and of `srcdoc` (invariant 7, "Escaped by default" in ARCHITECTURE.md):
 * HTML from a string keeps ordinary formatting markup, what Markdown renderers such as marked
 * produce (headings, paragraphs, lists, links, code, tables, images, quotes, task-list checkboxes),
 * and loses everything that could run script or restyle the page: scripts, styles, frames, forms,
 * event attributes, `style` attributes, and URLs that url-attributes.ts would refuse.
 *
 * htmlparser2 does the parsing (the part that is hard to get right, and the parser sanitize-html
 * is built on); this module only decides what to keep. Safety comes from the output, not from
 * agreeing with a browser on how to read odd input: nothing of the input is copied. The output is
 * written from the parsed tokens, with allowed tags and attributes only, every text and attribute
 * value escaped, and no element a browser reads as raw text or foreign content (no <style>,
 * <textarea>, <svg>, <math>). So a browser can only read it as the allowed elements with escaped
 * text, whatever the input tried (the mutation payloads of test/template/sanitize.test.ts and the
 * browser suite of test/security/ check it).
 *
 * Why not sanitize-html itself: its releases with the latest security fixes ask for Node 22.12,
 * and Tether runs on Node 20.19; the policy here is small and fixed, and needs none of its modes.
 */
import { Parser } from "htmlparser2";
import { isSafeUrl } from "./url-attributes.js";

const ALLOWED_TAGS = new Set([
  "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "b", "i", "u", "s",
  "del", "ins", "sub", "sup", "small", "mark", "kbd", "samp", "var", "abbr", "cite", "q", "dfn", "time", "span", "div",
  "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
  "a", "img", "figure", "figcaption", "details", "summary", "input",
]);

// Elements with no content and no end tag: written as `<br />`.
const VOID_TAGS = new Set(["br", "hr", "img", "col", "input"]);

// No id or name: an element with id="tether" would shadow window.tether (DOM clobbering).
const GLOBAL_ATTRIBUTES = new Set(["title", "lang", "dir"]);
const TAG_ATTRIBUTES: Readonly<Record<string, ReadonlySet<string>>> = {
  a: new Set(["href"]),
  img: new Set(["src", "alt", "width", "height"]),
  th: new Set(["align", "colspan", "rowspan", "scope"]),
  td: new Set(["align", "colspan", "rowspan"]),
  col: new Set(["span"]),
  colgroup: new Set(["span"]),
  ol: new Set(["start", "reversed", "type"]),
  li: new Set(["value"]),
  q: new Set(["cite"]),
  blockquote: new Set(["cite"]),
  del: new Set(["cite", "datetime"]),
  ins: new Set(["cite", "datetime"]),
  time: new Set(["datetime"]),
  details: new Set(["open"]),
  input: new Set(["type", "checked", "disabled"]),
  code: new Set(["class"]),
};

// Allowed attributes that mean something by being there: written bare (`checked`), whatever value.
const BOOLEAN_ATTRIBUTES = new Set(["reversed", "open", "checked", "disabled"]);

// The text of these is not content: code, styles, a form's values, fallback for frames and
// plugins, and what a page with script enabled never shows (<noscript>).
const DROP_TEXT = new Set([
  "script", "style", "textarea", "option", "title", "xmp", "iframe", "noembed", "noframes", "plaintext", "noscript",
]);

// URL schemes a link may have; an image may also be a data: image (checked by isSafeUrl).
// A URL without a scheme (relative, or `//host`) is kept.
const LINK_SCHEMES = new Set(["http", "https", "mailto", "tel"]);
const IMAGE_SCHEMES = new Set(["http", "https", "data"]);
const URL_ATTRIBUTES = new Set(["href", "src", "cite"]);
const SCHEME = /^([a-z][a-z0-9.+-]*):/i;

// A code block's language, as marked writes it (`language-js`), for a highlighter.
const CODE_CLASS = /^language-\S+$/;

/**
 * HTML with only ordinary formatting markup left (see the module's doc). It costs a parse and
 * a serialization of the whole string.
 */
export function sanitize(html: string): string {
  let out = "";
  // The open elements as the parser nests them, and whether each was written or dropped.
  const open: string[] = [];
  const written: boolean[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const kept = ALLOWED_TAGS.has(name) && (name !== "input" || attribs.type === "checkbox");
        open.push(name);
        written.push(kept);
        if (kept) out += startTag(name, attribs);
      },
      ontext(text) {
        if (!DROP_TEXT.has(open[open.length - 1] ?? "")) out += escapeText(text);
      },
      onclosetag() {
        const name = open.pop() ?? "";
        if (written.pop() === true && !VOID_TAGS.has(name)) out += `</${name}>`;
      },
      // Comments, CDATA sections and processing instructions are dropped: no handler.
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.end(html);
  return out;
}

function startTag(name: string, attribs: Readonly<Record<string, string>>): string {
  let tag = `<${name}`;
  const own = TAG_ATTRIBUTES[name];
  for (const attribute of Object.keys(attribs)) {
    if (!GLOBAL_ATTRIBUTES.has(attribute) && own?.has(attribute) !== true) continue;
    const value = keptValue(name, attribute, attribs[attribute] ?? "");
    if (value === null) continue;
    tag += BOOLEAN_ATTRIBUTES.has(attribute) ? ` ${attribute}` : ` ${attribute}="${escapeAttribute(value)}"`;
  }
  // A task list's checkbox shows a state: nothing the page's user could fill in.
  if (name === "input" && attribs.disabled === undefined) tag += " disabled";
  return VOID_TAGS.has(name) ? `${tag} />` : `${tag}>`;
}

/** The value an allowed attribute keeps, or null to leave it out. */
function keptValue(tag: string, attribute: string, value: string): string | null {
  if (BOOLEAN_ATTRIBUTES.has(attribute)) return value;
  // An empty value means nothing but for alt (an image that says it is decoration).
  if (value === "") return attribute === "alt" ? value : null;
  if (attribute === "class") {
    const classes = value.split(/\s+/).filter((c) => CODE_CLASS.test(c));
    return classes.length > 0 ? classes.join(" ") : null;
  }
  if (URL_ATTRIBUTES.has(attribute)) {
    const image = tag === "img";
    // What the URL parser reads: it ignores control characters and spaces around and tabs and
    // newlines inside, so `java\tscript:` has the scheme javascript.
    const scheme = SCHEME.exec(value.replace(/[\u0000-\u0020]+/g, ""))?.[1]?.toLowerCase();
    if (scheme !== undefined && !(image ? IMAGE_SCHEMES : LINK_SCHEMES).has(scheme)) return null;
    return isSafeUrl(value, image) ? value : null;
  }
  return value;
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;");
}
