import { Directive } from "../protocol/wire.js";
import { VNodeFlags } from "../vnode/flags.js";
import { normalizeChildren, type Child, type Props, type VNode } from "../vnode/vnode.js";
import { attrText, childAt, childCount, eventTypeOf, holdsStaticContent, isDomProp, shapedVNode, soleText, type LiveNode } from "../diff/index.js";
import { escapeAttr, escapeText } from "./escape.js";

/**
 * What raw HTML is written after in a live root's first paint: an empty comment, where the
 * runtime's morph finds where the raw part begins.
 */
const RAW_MARK = "<!---->";

/** Elements with no closing tag. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
/** In HTML content, elements whose text the HTML parser does not decode: written verbatim (see rawText). */
const RAW_TEXT = new Set(["script", "style"]);

/**
 * What the HTML parser takes an element's children for: HTML, or the foreign content of SVG or
 * MathML, where `<style>` and `<script>` are ordinary elements whose text is parsed as markup
 * (so `<svg><style>${"<img onerror=…>"}` written verbatim would be an image). When unsure, the
 * answer is foreign, where text is escaped: at worst CSS shows an entity, never markup runs.
 */
const Content = { Html: 0, Svg: 1, MathMl: 2 } as const;

/** SVG's HTML integration points: their children are HTML again (lowercased, as the parser compares them). */
const SVG_HTML_POINTS = new Set(["foreignobject", "desc", "title"]);

/**
 * The content an element's children are in, for an element in `content`. MathML's integration
 * points are not followed (MathML stays foreign below <math>): their rules depend on the child
 * (mglyph stays MathML) and on attributes (annotation-xml's encoding), and foreign is safe.
 */
function contentInside(tag: string, content: number): number {
  if (content === Content.Html) {
    const lower = tag.toLowerCase();
    return lower === "svg" ? Content.Svg : lower === "math" ? Content.MathMl : Content.Html;
  }
  if (content === Content.Svg && SVG_HTML_POINTS.has(tag.toLowerCase())) return Content.Html;
  return content;
}

/**
 * The first paint of a live tree as HTML. It is only the first paint: the browser's parser
 * does not reproduce every tree faithfully (tables, nested <p>), so on connect the runtime
 * builds the DOM from the tree data and morphs the page onto it (invariant 1, "The live DOM
 * mirrors the server's tree exactly" in ARCHITECTURE.md).
 */
export function liveToHtml(live: LiveNode): string {
  let out = "";
  for (let i = 0, n = childCount(live); i < n; i++) out += nodeToHtml(childAt(live, i), Content.Html, null);
  return out;
}

/**
 * `content`: what the parser takes this node's place for (see Content). `chosen`: inside a
 * `<select>` with a value, that value, so the matching `<option>` is written with `selected`
 * (the first paint must show what the DOM property will say).
 */
function nodeToHtml(live: LiveNode, content: number, chosen: string | null): string {
  const v = live.vnode;
  if (typeof v === "string") return escapeText(v);
  if (v.flags & VNodeFlags.Raw) return RAW_MARK + (v.props.html as string);
  if (v.flags & VNodeFlags.Element && holdsStaticContent(live)) return vnodeToHtml(v, content, chosen, RAW_MARK);
  // A list's row kept as its values (diff/shaped.ts): written from the element it stands for.
  const shaped = shapedVNode(live);
  if (shaped !== null) return vnodeToHtml(shaped, content, chosen, RAW_MARK);
  if (v.flags & VNodeFlags.Element) {
    const tag = v.type as string;
    const inner = chosenFor(tag, v.props, chosen);
    const inside = contentInside(tag, content);
    const text = soleText(live);
    let html = "";
    if (isRawText(tag, content)) html = rawText(liveText(live));
    else if (text !== null) html = escapeText(text);
    else for (let i = 0, n = childCount(live); i < n; i++) html += nodeToHtml(childAt(live, i), inside, inner);
    return element(tag, v.props, html, isChosen(tag, v.props, chosen, () => liveText(live)));
  }
  let out = "";
  for (let i = 0, n = childCount(live); i < n; i++) out += nodeToHtml(childAt(live, i), content, chosen);
  return out;
}

/**
 * A whole document from a layout's template (see Layout in server/layout.ts): the doctype, then
 * its `<html>` element. Its raw parts (the page's head, script and root) are written as they
 * are, without the live root's mark.
 */
export function documentToHtml(layout: Child): string {
  const top = normalizeChildren([layout]);
  const html = top.length === 1 ? top[0] : null;
  if (typeof html !== "object" || html === null || html.type !== "html") {
    throw new TypeError("Tether: a layout's template must be one <html> element (Tether writes the <!doctype html> before it)");
  }
  return `<!doctype html>\n${vnodeToHtml(html, Content.Html, null, "")}\n`;
}

/**
 * A static subtree has no live nodes below its root: render it from its vnodes. So is a
 * layout's document, which may also hold fragments. `mark`: what raw HTML is written after.
 */
function vnodeToHtml(v: VNode | string, content: number, chosen: string | null, mark: string): string {
  if (typeof v === "string") return escapeText(v);
  if (v.flags & VNodeFlags.Static && content === Content.Html && chosen === null) {
    let html = staticHtml.get(v);
    if (html === undefined) staticHtml.set(v, (html = writeVNode(v, content, chosen, mark)));
    return html;
  }
  return writeVNode(v, content, chosen, mark);
}

/**
 * The HTML of static subtrees in HTML content, by their vnode. A template site returns the same
 * static vnode at every evaluation, for every session (VNodeFlags.Static), so its HTML is the
 * same too: written at its first page, then taken again by every page (a layout's meta tags, a
 * heading, a paragraph of text). One string per static site of the app's templates, and none
 * for what is inside one (writeVNode writes a static subtree's children without the cache).
 * The mark does not change it: nothing raw is static (raw HTML is always a template's hole).
 */
const staticHtml = new WeakMap<VNode, string>();

/** vnodeToHtml without the cache of static subtrees, for one and everything in it. */
function writeVNode(v: VNode | string, content: number, chosen: string | null, mark: string): string {
  if (typeof v === "string") return escapeText(v);
  if (v.flags & VNodeFlags.Raw) return mark + (v.props.html as string);
  const write = v.flags & VNodeFlags.Static ? writeVNode : vnodeToHtml;
  let html = "";
  if (v.flags & VNodeFlags.Fragment) {
    for (let i = 0; i < v.children.length; i++) html += write(v.children[i], content, chosen, mark);
    return html;
  }
  if (!(v.flags & VNodeFlags.Element)) throw new TypeError("Tether: a layout holds elements, text and markup; components render inside the page");
  const tag = v.type as string;
  const inner = chosenFor(tag, v.props, chosen);
  const inside = contentInside(tag, content);
  if (isRawText(tag, content)) html = rawText(vnodeText(v));
  else for (let i = 0; i < v.children.length; i++) html += write(v.children[i], inside, inner, mark);
  return element(tag, v.props, html, isChosen(tag, v.props, chosen, () => vnodeText(v)));
}

/**
 * Whether the parser reads this element's text verbatim: `<script>` or `<style>` (any case) in
 * HTML content. Its text is then written as one piece (all of its text children joined), so
 * that no two pieces can make a closing tag between them (`${"</sty"}${"le>"}`).
 */
function isRawText(tag: string, content: number): boolean {
  return content === Content.Html && RAW_TEXT.has(tag.toLowerCase());
}

/** The value the children of this element should mark as selected. */
function chosenFor(tag: string, props: Props, chosen: string | null): string | null {
  if (tag === "select") return props.value == null ? null : String(props.value);
  return tag === "optgroup" ? chosen : null;
}

/** An option is chosen if its value (its `value`, else its text) is the select's value. */
function isChosen(tag: string, props: Props, chosen: string | null, text: () => string): boolean {
  if (tag !== "option" || chosen === null) return false;
  return (props.value != null ? String(props.value) : text()) === chosen;
}

function liveText(live: LiveNode): string {
  const v = live.vnode;
  if (typeof v === "string") return v;
  if (holdsStaticContent(live)) return vnodeText(v);
  const shaped = shapedVNode(live);
  if (shaped !== null) return vnodeText(shaped);
  const sole = soleText(live);
  if (sole !== null) return sole;
  let text = "";
  for (let i = 0, n = childCount(live); i < n; i++) text += liveText(childAt(live, i));
  return text;
}

function vnodeText(v: VNode | string): string {
  if (typeof v === "string") return v;
  let text = "";
  for (const child of v.children) text += vnodeText(child);
  return text;
}

function element(tag: string, props: Props, inner: string, selected: boolean): string {
  let attrs = "";
  for (const name in props) {
    const value = props[name];
    if (eventTypeOf(name, value) !== null) continue;
    if (isDomProp(tag, name)) {
      // Properties become their initial attributes: a textarea's value is its text, a select's value marks an option.
      if (tag === "textarea" || tag === "select" || (tag === "option" && name === "selected")) continue;
      if (name === "value") {
        if (value != null) attrs += ` value="${escapeAttr(String(value))}"`;
      } else if (value === true && name !== "indeterminate") attrs += ` ${name}`;
      continue;
    }
    const text = attrText(value);
    if (text !== null) attrs += text === "" ? ` ${name}` : ` ${name}="${escapeAttr(text)}"`;
  }
  if (selected || (tag === "option" && props.selected === true)) attrs += " selected";
  if (VOID.has(tag)) return `<${tag}${attrs}>`;
  if (tag === "textarea" && props.value != null) inner = escapeText(String(props.value));
  return `<${tag}${attrs}>${inner}</${tag}>`;
}

/**
 * The text of a raw-text element. Inside <script> and <style> nothing is decoded: a closing tag
 * (any case, any tail: `</script `, `</STYLE/`) would end the element early, so its `/` is
 * escaped as JavaScript and CSS both read `\/`; and `<!--` would start a section in which
 * `</script>` does not end it (HTML's script data states), so its `!` is escaped likewise.
 */
function rawText(text: string): string {
  return text.replace(/<\/(script|style)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}
