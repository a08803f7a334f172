import { html, type Renderable, type VNode } from "../src/index.js";
import { dataUrl } from "./image.js";

/** Props of Download. */
export interface DownloadProps {
  /** The file's name as the browser saves it. */
  filename: string;
  /** The file's content: bytes, or text (saved as UTF-8). */
  content: Uint8Array | string;
  /** Its media type. Default "application/octet-stream". Types a browser could run as a page (HTML, SVG) are saved as bytes. */
  type?: string;
  /** The link's text (default: "Download <filename>"). */
  children?: Renderable;
  id?: string;
  class?: string;
}

// A data: URL travels in the page and in every patch that re-creates the link: past this, say
// so, rather than slowing every tab that renders it. 512 KiB of bytes is ~700 KB of base64.
const MAX_BYTES = 512 * 1024;

// The types Tether lets a data: URL have in a link (see src/template/url-attributes.ts): one
// that cannot hold script wherever it is opened.
const INERT_TYPE = /^(?:text\/(?:plain|csv)|application\/(?:json|octet-stream)|image\/(?:png|gif|jpe?g|webp)|(?:audio|video)\/[a-z0-9.+-]+)$/;

/**
 * A link that saves a file the server made, PyWebIO's `put_file`: its bytes travel in the page
 * as a `data:` URL with the `download` attribute, so no HTTP endpoint and no runtime code is
 * needed, and the file is there as long as the link is. For small files (up to 512 KiB); serve
 * larger ones from a route of your own.
 */
export function Download(props: DownloadProps): VNode {
  const bytes = typeof props.content === "string" ? new TextEncoder().encode(props.content) : props.content;
  if (bytes.byteLength > MAX_BYTES) throw new RangeError(`Tether Download: ${props.filename} is ${bytes.byteLength} bytes; a download link holds at most ${MAX_BYTES} (serve larger files from a route)`);
  const wanted = props.type ?? "application/octet-stream";
  const type = INERT_TYPE.test(wanted) ? wanted : "application/octet-stream";
  return html`<a class=${["tether-download", props.class]} id=${props.id} href=${dataUrl(bytes, type)} download=${props.filename}>${props.children ?? `Download ${props.filename}`}</a>` as VNode;
}
