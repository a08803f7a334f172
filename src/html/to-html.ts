import { Directive } from "../protocol/wire.js";
import { VNodeFlags } from "../vnode/flags.js";
import type { Props, VNode } from "../vnode/vnode.js";
import { attrText, childAt, childCount, eventTypeOf, holdsStaticContent, isDomProp, soleText, type LiveNode } from "../diff/index.js";
import { escapeAttr, escapeText } from "./escape.js";

/** Elements with no closing tag. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
/** Elements whose text the HTML parser does not decode: written verbatim. */
const RAW_TEXT = new Set(["script", "style"]);

/**
 * The first paint of a live tree as HTML. It is only the first paint: the browser's parser does
 * not reproduce every tree faithfully (tables, nested <p>), so on connect the runtime builds the
 * DOM from the tree data and morphs the page onto it (invariant 1, "The live DOM mirrors the
 * server's tree exactly" in ARCHITECTURE.md).
 */
export function liveToHtml(live: LiveNode): string {
  let out = "";
  for (let i = 0, n = childCount(live); i < n; i++) out += nodeToHtml(childAt(live, i), "", null);
  return out;
}

/**
 * `chosen`: inside a `<select>` with a value, that value, so the matching `<option>` is
 * written with `selected` (the first paint must show what the DOM property will say).
 */
function nodeToHtml(live: LiveNode, parentTag: string, chosen: string | null): string {
  const v = live.vnode;
  if (typeof v === "string") return textHtml(v, parentTag);
  if (v.flags & VNodeFlags.Raw) return `<!---->${v.props.html as string}`;
  if (v.flags & VNodeFlags.Element && holdsStaticContent(live)) return vnodeToHtml(v, parentTag, chosen);
  if (v.flags & VNodeFlags.Element) {
    const tag = v.type as string;
    const inner = chosenFor(tag, v.props, chosen);
    const text = soleText(live);
    let html = "";
    if (text !== null) html = textHtml(text, tag);
    else for (let i = 0, n = childCount(live); i < n; i++) html += nodeToHtml(childAt(live, i), tag, inner);
    return element(tag, v.props, html, isChosen(tag, v.props, chosen, () => liveText(live)));
  }
  let out = "";
  for (let i = 0, n = childCount(live); i < n; i++) out += nodeToHtml(childAt(live, i), parentTag, chosen);
  return out;
}

/** A static subtree has no live nodes below its root: render it from its vnodes. */
function vnodeToHtml(v: VNode | string, parentTag: string, chosen: string | null): string {
  if (typeof v === "string") return textHtml(v, parentTag);
  if (v.flags & VNodeFlags.Raw) return `<!---->${v.props.html as string}`;
  const tag = v.type as string;
  const inner = chosenFor(tag, v.props, chosen);
  let html = "";
  for (let i = 0; i < v.children.length; i++) html += vnodeToHtml(v.children[i], tag, inner);
  return element(tag, v.props, html, isChosen(tag, v.props, chosen, () => vnodeText(v)));
}

/** A text node's HTML inside `parentTag`. */
function textHtml(text: string, parentTag: string): string {
  return RAW_TEXT.has(parentTag) ? rawText(text) : escapeText(text);
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

function rawText(text: string): string {
  // Inside <script> and <style> nothing is decoded. A closing tag would end the element early,
  // and `<!--` would start a section in which `</script>` does not end it (HTML's script data states).
  return text.replace(/<\/(script|style)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}
