import { marked } from "marked";
import { html, raw, type VNode } from "../src/index.js";

/** Props of Markdown. */
export interface MarkdownProps {
  /** The Markdown text (GitHub flavoured: tables, fenced code, autolinks). */
  source: string;
  id?: string;
  class?: string;
}

// The last sources rendered, so that a page re-rendering the same text parses and sanitizes
// it once (raw() costs about 0.5 ms per 2 KB). Small: a Markdown output rarely changes often.
const CACHE_SIZE = 64;
const cache = new Map<string, VNode>();

/** The sanitized HTML of `source`, as a vnode (from the cache when it was rendered lately). */
export function markdownToVNode(source: string): VNode {
  let vnode = cache.get(source);
  if (vnode !== undefined) return vnode;
  // marked writes the HTML; raw() sanitizes it (invariant 7): Markdown may hold raw HTML.
  vnode = raw(marked.parse(source, { async: false, gfm: true }));
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(source, vnode);
  return vnode;
}

/**
 * Markdown rendered with `marked` and sanitized like every `raw()` (no script, no event
 * attributes, no `javascript:` links), PyWebIO's `put_markdown`.
 */
export function Markdown(props: MarkdownProps): VNode {
  return html`<div class=${["tether-markdown", props.class]} id=${props.id}>${markdownToVNode(props.source)}</div>` as VNode;
}
