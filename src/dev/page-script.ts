/**
 * The script `tether dev` adds to every page (`/_tether/dev/client.js`), kept out of the runtime
 * so the production bundle carries none of it. It listens to the dev server's event stream
 * (`/_tether/dev/events`, see dev-channel.ts) and:
 * - shows the error overlay (message, file:line:column, code frame, stack) as a panel at the
 *   bottom of the page, so the page above it, still running the last good code, answers clicks;
 *   removes it when the error is fixed;
 * - replaces the page's stylesheets when a .css file changes, without a render: each `<link>`
 *   is cloned with a new query and the old one removed once the new one has loaded (no flash);
 * - reloads images whose file changed.
 *
 * It is a function so that TypeScript checks it; the server sends its source, called with the base path.
 */
export interface DevEvent {
  type: "error" | "ok" | "css" | "asset";
  /** error: what failed ("rendering <Counter>", "loading examples/counter.ts"). */
  where?: string;
  message?: string;
  /** error: the file:line:column of the failure, relative to the project. */
  location?: string;
  /** error: the source lines around it, the failing one marked. */
  frame?: string;
  stack?: string;
  /** asset: the changed file's name. */
  name?: string;
}

export function devPageScript(base: string): void {
  const OVERLAY = "tether-dev-overlay";
  // The stream names the page's session (errors of its render and handlers reach its tabs only),
  // so it opens once the body, where the live root is, has been parsed.
  const listen = () => {
    const session = document.querySelector("[data-tether-session]")?.getAttribute("data-tether-session") ?? "";
    const events = new EventSource(`${base}/dev/events?session=${encodeURIComponent(session)}`);
    events.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as DevEvent;
      if (event.type === "error") show(event);
      else if (event.type === "ok") document.getElementById(OVERLAY)?.remove();
      else if (event.type === "css") restyle();
      else if (event.type === "asset") reloadImages(event.name ?? "");
    };
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", listen);
  else listen();

  function show(event: DevEvent): void {
    document.getElementById(OVERLAY)?.remove();
    const panel = document.createElement("section");
    panel.id = OVERLAY;
    panel.setAttribute("role", "alert");
    panel.style.cssText =
      "position:fixed;left:0;right:0;bottom:0;max-height:45vh;overflow:auto;z-index:2147483647;margin:0;padding:12px 16px;" +
      "background:#1e1e1e;color:#eee;border-top:4px solid #e5484d;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 -4px 16px #0006";
    const line = (text: string, css: string, tag = "div") => {
      const el = document.createElement(tag);
      el.textContent = text;
      el.style.cssText = css;
      panel.append(el);
      return el;
    };
    const close = line("×", "position:absolute;top:6px;right:10px;background:none;border:0;color:#aaa;font-size:20px;cursor:pointer", "button");
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", () => panel.remove());
    line(event.where ?? "Error", "color:#ff8a8f;font-weight:600");
    line(event.message ?? "", "white-space:pre-wrap;margin:4px 0;font-size:14px").className = "message";
    if (event.location) line(event.location, "color:#8ab4f8").className = "location";
    if (event.frame) line(event.frame, "white-space:pre;background:#2a2a2a;padding:8px;margin:6px 0;overflow:auto", "pre").className = "frame";
    if (event.stack) line(event.stack, "white-space:pre-wrap;color:#aaa;margin:6px 0 0", "pre").className = "stack";
    line("The page runs the last code that worked. Fix the file and this goes away.", "color:#888;margin-top:6px;font-family:system-ui,sans-serif");
    document.body.append(panel);
  }

  function restyle(): void {
    const links = document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]');
    for (const link of Array.from(links)) {
      const url = new URL(link.href, location.href);
      url.searchParams.set("t", String(Date.now()));
      const next = link.cloneNode() as HTMLLinkElement;
      next.href = url.href;
      next.addEventListener("load", () => link.remove(), { once: true });
      next.addEventListener("error", () => next.remove(), { once: true });
      link.after(next);
    }
  }

  function reloadImages(name: string): void {
    for (const img of Array.from(document.images)) {
      const url = new URL(img.src, location.href);
      if (!url.pathname.endsWith(`/${name}`)) continue;
      url.searchParams.set("t", String(Date.now()));
      img.src = url.href;
    }
  }
}
