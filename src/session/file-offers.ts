import type { DownloadFile } from "../component/download-file.js";

export type { DownloadFile };

/**
 * Where a session's offered files are kept until its tab fetches them (the server's download
 * endpoint, `server/downloads.ts`): each offer is a URL that only this session's offers map to,
 * and every offer of a session ends with it.
 */
export interface FileOffers {
  /** Keeps `file` for the session `sessionId`; returns its URL (path and query, on this server). */
  offer(sessionId: string, file: DownloadFile): string;
  /** Forgets an offer by its URL (nothing if it is not one). */
  withdraw(url: string): void;
}
