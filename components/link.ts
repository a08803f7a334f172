import { html, type Renderable, type VNode } from "../src/index.js";

/** Props of Link. */
export interface LinkProps {
  href: string;
  /** The link's text or content (default: the URL). */
  children?: Renderable;
  /** Opens in a new tab (`target="_blank"`, with `rel="noopener noreferrer"`). */
  newTab?: boolean;
  /** Live navigation (`t-nav`): the page at `href` is shown over the same connection, no new document (see `session.navigate`). */
  nav?: boolean;
  id?: string;
  class?: string;
}

/** A link: PyWebIO's `put_link`. `javascript:` URLs are refused, as everywhere in Tether. With `nav`, a live navigation. */
export function Link(props: LinkProps): VNode {
  const blank = props.newTab === true;
  return html`<a class=${["tether-link", props.class]} id=${props.id} href=${props.href} target=${blank ? "_blank" : undefined}
    rel=${blank ? "noopener noreferrer" : undefined} t-nav=${props.nav === true && !blank ? true : undefined}>${props.children ?? props.href}</a>` as VNode;
}
