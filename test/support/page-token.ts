/**
 * What a tab knows to join with, for test clients that speak the protocol without a browser:
 * the page's session id and join token (from the page GET, as the runtime reads them from the
 * root element), then the join token of each Mount and Resume. Kept by session id, so a second
 * client resuming a first one's session finds the token the tab would have.
 */
const tokens = new Map<string, string>();

/** Remembers the join token a tab holds for session `sid`. */
export function rememberToken(sid: string, token: string): void {
  if (token !== "") tokens.set(sid, token);
}

/** The join token a tab would hold for session `sid`, if any was seen. */
export function tokenFor(sid: string | null): string | undefined {
  return sid === null ? undefined : tokens.get(sid);
}

/** The session id and join token of a page's HTML (its root element's data-tether-session and data-tether-token). */
export function pageJoin(html: string): { sid: string; token: string } {
  const sid = /data-tether-session="([^"]*)"/.exec(html)?.[1];
  const token = /data-tether-token="([^"]*)"/.exec(html)?.[1];
  if (sid === undefined || token === undefined) throw new Error(`not a Tether page: ${html.slice(0, 200)}`);
  rememberToken(sid, token);
  return { sid, token };
}

/** GETs a page as a browser would and returns what its tab joins with. */
export async function openPage(serverUrl: string, path: string, headers: Record<string, string> = {}): Promise<{ sid: string; token: string; html: string }> {
  const res = await fetch(serverUrl + path, { headers });
  const html = await res.text();
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${html.slice(0, 200)}`);
  return { ...pageJoin(html), html };
}
