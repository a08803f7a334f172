import { Component, html, type DownloadFile, type Renderable, type VNode } from "../src/index.js";
import { dataUrl } from "./image.js";

/** Props of Download: the file (bytes or text, a path on the server, or a stream), and the link. */
export type DownloadProps = DownloadFile & {
  /** The link's text (default: "Download <filename>"). */
  children?: Renderable;
  id?: string;
  class?: string;
};

/**
 * Up to this many bytes travel in the link itself, as a `data:` URL (~700 KB of base64 at
 * most): no request, and the file is there as long as the link is. Beyond it, and for a path
 * or a stream, the link points at the session's download endpoint (`offerDownload`), which
 * reads the bytes only when the user clicks.
 */
export const INLINE_DOWNLOAD_BYTES = 512 * 1024;

// The types a data: URL may have in a link (see src/template/url-attributes.ts): ones that
// cannot hold script wherever they are opened.
const INERT_TYPE = /^(?:text\/(?:plain|csv)|application\/(?:json|octet-stream)|image\/(?:png|gif|jpe?g|webp)|(?:audio|video)\/[a-z0-9.+-]+)$/;

/**
 * A link that saves a file the server made, PyWebIO's `put_file`. A small file's bytes travel
 * in the page as a `data:` URL with the `download` attribute; a larger one, a file on disk or a
 * stream is offered by the session (`this.session.offerDownload`) for as long as the link shows.
 */
export class Download extends Component<DownloadProps> {
  /** The offer the link points at now, and what it was made from (a new file makes a new one). */
  #offer: { url: string; source: unknown; filename: string; type: string | undefined } | null = null;

  render(): VNode {
    const props = this.props;
    const href = inlineUrl(props) ?? this.offered(props);
    return html`<a class=${["tether-download", props.class]} id=${props.id} href=${href} download=${props.filename}>${props.children ?? `Download ${props.filename}`}</a>` as VNode;
  }

  unmount(): void {
    this.withdraw();
  }

  private offered(props: DownloadProps): string {
    const source = "content" in props ? props.content : "path" in props ? props.path : props.stream;
    const offer = this.#offer;
    if (offer !== null && offer.source === source && offer.filename === props.filename && offer.type === props.type) return offer.url;
    this.withdraw();
    const { children: _children, id: _id, class: _class, ...file } = props;
    const url = this.session.offerDownload(file as DownloadFile);
    this.#offer = { url, source, filename: props.filename, type: props.type };
    return url;
  }

  private withdraw(): void {
    if (this.#offer === null) return;
    this.session.withdrawDownload(this.#offer.url);
    this.#offer = null;
  }
}

/** The `data:` URL of a small file given as bytes or text; null for anything else. */
function inlineUrl(props: DownloadProps): string | null {
  if (!("content" in props)) return null;
  const bytes = typeof props.content === "string" ? new TextEncoder().encode(props.content) : props.content;
  if (bytes.byteLength > INLINE_DOWNLOAD_BYTES) return null;
  const wanted = props.type ?? "application/octet-stream";
  return dataUrl(bytes, INERT_TYPE.test(wanted) ? wanted : "application/octet-stream");
}
