import { VNodeFlags } from "../vnode/flags.js";
import { createVNode, EMPTY_CHILDREN, VNODE, type Props, type VNode } from "../vnode/vnode.js";
import { sanitize } from "./sanitize.js";

/**
 * HTML from a string, sanitized: ordinary formatting markup (what a Markdown renderer writes:
 * headings, lists, links, code, tables, images) is kept, and whatever could run script is
 * removed (scripts, styles, event attributes, `javascript:` URLs; see sanitize.ts). The one way
 * to put markup from a string into a page; every other string is escaped as text.
 *
 * Sanitizing costs a parse of the string at each call (about 0.5 ms for 2 KB of Markdown
 * output): call it when the HTML changes (keep the vnode in state, or memoize it), not in every
 * render of a component that re-renders often.
 */
export function raw(html: string): VNode {
  return rawVNode(sanitize(checked(html)));
}

/**
 * HTML inserted exactly as given, not sanitized: the one explicit way to skip raw()'s
 * sanitizer, for markup your own code wrote (an SVG icon, an embed you trust as much as your
 * code). Never pass it anything a user of your site could have written: it runs as the page.
 */
raw.trusted = function trusted(html: string): VNode {
  return rawVNode(checked(html));
};

/**
 * Markup Tether wrote, or your code trusts, usable two ways: in an `html` template it is
 * inserted as it is (it is a `raw.trusted` vnode), and as a string (`${part}`, `String(part)`)
 * it is its HTML. A layout's page parts are these, so a layout may be a template or a string.
 */
export type TrustedHtml = VNode & { toString(): string };

/** A `raw.trusted` vnode whose string is its HTML (see TrustedHtml). */
export function trustedHtml(html: string): TrustedHtml {
  return new TrustedHtmlVNode(checked(html));
}

/**
 * A `raw.trusted` vnode with `toString` on its class: the fields of every vnode, in
 * createVNode's order, and nothing enumerable of its own beside them. (A `defineProperty` on
 * each, three at every page GET, was a call into the engine's runtime each.)
 */
class TrustedHtmlVNode implements VNode {
  readonly flags = VNodeFlags.Raw;
  readonly type = null;
  readonly key = null;
  readonly props: Props;
  readonly children: ReadonlyArray<VNode | string> = EMPTY_CHILDREN;
  readonly site = null;
  readonly [VNODE] = true as const;

  constructor(html: string) {
    this.props = { html };
  }

  toString(): string {
    return this.props.html as string;
  }
}

function checked(html: string): string {
  if (typeof html !== "string") throw new TypeError("Tether: raw() takes a string of HTML");
  return html;
}

function rawVNode(html: string): VNode {
  return createVNode(VNodeFlags.Raw, null, null, { html }, [], null);
}
