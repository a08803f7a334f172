import type { Readable } from "node:stream";

/**
 * A file the server offers a tab to download: its name as the browser saves it, its media type,
 * and where its bytes come from. Bytes in memory are fine for what the process already holds;
 * a path or a stream is read only when the browser asks, so a large file never sits in memory.
 */
export type DownloadFile = {
  /** The file's name as the browser saves it. */
  filename: string;
  /**
   * Its media type. Default "application/octet-stream". Types a browser could run as a page
   * (HTML, SVG, XML, JavaScript) are sent as bytes, so an offered file can never run as the app.
   */
  type?: string;
} & (
  | { /** The bytes, or text (sent as UTF-8). */ content: Uint8Array | string }
  | { /** A file on the server's disk, read when the browser asks for it. */ path: string }
  | { /** Makes the bytes when the browser asks for them (called once per request). */ stream: () => Readable | AsyncIterable<Uint8Array> }
);
