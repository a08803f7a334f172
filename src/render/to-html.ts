import { Directive } from "../protocol/wire.js";
import { VNodeFlags } from "../vnode/flags.js";
import type { Props, VNode } from "../vnode/vnode.js";
import type { LiveNode } from "../diff/live-node.js";
import { attrText, eventTypeOf, isDomProp } from "../diff/props.js";
import { escapeAttr, escapeText } from "./escape.js";

/** Elements with no closing tag. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
/** Elements whose text the HTML parser does not decode: written verbatim. */
const RAW_TEXT = new Set(["script", "style"]);

/**
 * The first paint of a live tree as HTML. It is only the first paint: the browser's parser
 * does not reproduce every tree faithfully (tables, nested <p>), so on connect the runtime
 * builds the DOM from the tree data and morphs the page onto it (invariant 1).
 */
export function liveToHtml(live: LiveNode): string {
  let out = "";
  const children = live.children!;
  for (let i = 0; i < children.length; i++) out += nodeToHtml(children[i], "");
  return out;
}

function nodeToHtml(live: LiveNode, parentTag: string): string {
  const v = live.vnode;
  if (typeof v === "string") return RAW_TEXT.has(parentTag) ? rawText(v) : escapeText(v);
  if (v.flags & VNodeFlags.Raw) return `<!---->${v.props.html as string}`;
  if (v.flags & VNodeFlags.Element && live.children === null) return vnodeToHtml(v, parentTag);
  if (v.flags & VNodeFlags.Element) {
    const tag = v.type as string;
    let inner = "";
    const children = live.children!;
    for (let i = 0; i < children.length; i++) inner += nodeToHtml(children[i], tag);
    return element(tag, v.props, inner);
  }
  let out = "";
  const children = live.children!;
  for (let i = 0; i < children.length; i++) out += nodeToHtml(children[i], parentTag);
  return out;
}

/** A static subtree has no live nodes below its root: render it from its vnodes. */
function vnodeToHtml(v: VNode | string, parentTag: string): string {
  if (typeof v === "string") return RAW_TEXT.has(parentTag) ? rawText(v) : escapeText(v);
  if (v.flags & VNodeFlags.Raw) return `<!---->${v.props.html as string}`;
  const tag = v.type as string;
  let inner = "";
  for (let i = 0; i < v.children.length; i++) inner += vnodeToHtml(v.children[i], tag);
  return element(tag, v.props, inner);
}

function element(tag: string, props: Props, inner: string): string {
  let attrs = "";
  for (const name in props) {
    const value = props[name];
    if (eventTypeOf(name, value) !== null) continue;
    if (isDomProp(tag, name)) {
      // Properties become their initial attributes: a textarea's value is its text, a select's value marks an option.
      if (tag === "textarea" || tag === "select") continue;
      if (name === "value") {
        if (value != null) attrs += ` value="${escapeAttr(String(value))}"`;
      } else if (value === true && name !== "indeterminate") attrs += ` ${name}`;
      continue;
    }
    const text = attrText(value);
    if (text !== null) attrs += text === "" ? ` ${name}` : ` ${name}="${escapeAttr(text)}"`;
  }
  if (VOID.has(tag)) return `<${tag}${attrs}>`;
  if (tag === "textarea" && props.value != null) inner = escapeText(String(props.value));
  if (tag === "select" && props.value != null) inner = selectValue(inner, String(props.value));
  if (props[Directive.Ignore] && tag === "template") return `<${tag}${attrs}></${tag}>`;
  return `<${tag}${attrs}>${inner}</${tag}>`;
}

/** Marks the option whose value matches a select's value as selected, in rendered HTML. */
function selectValue(inner: string, value: string): string {
  const marker = ` value="${escapeAttr(value)}"`;
  const at = inner.indexOf(`<option${marker}`);
  if (at < 0) return inner;
  const end = at + "<option".length + marker.length;
  return inner.slice(0, end) + " selected" + inner.slice(end);
}

function rawText(text: string): string {
  // Inside <script> and <style> nothing is decoded; only a closing tag could end the element early.
  return text.replace(/<\/(script|style)/gi, "<\\/$1");
}
