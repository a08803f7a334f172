import { html, type VNode } from "../src/index.js";

/** Props of Image. */
export interface ImageProps {
  /** A URL, or image bytes with their type (sent as a `data:` URL: keep them small). */
  src: string | { bytes: Uint8Array; type: string };
  /** The text for who cannot see it (required: say "" for a decorative image). */
  alt: string;
  width?: number | string;
  height?: number | string;
  id?: string;
  class?: string;
}

/** An image from a URL or from bytes: PyWebIO's `put_image`. */
export function Image(props: ImageProps): VNode {
  const src = typeof props.src === "string" ? props.src : dataUrl(props.src.bytes, props.src.type);
  return html`<img class=${["tether-image", props.class]} id=${props.id} src=${src} alt=${props.alt} width=${props.width} height=${props.height} />` as VNode;
}

/** Bytes as a base64 `data:` URL of `type`. */
export function dataUrl(bytes: Uint8Array, type: string): string {
  return `data:${type};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64")}`;
}
