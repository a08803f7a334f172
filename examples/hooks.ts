import { Component, html } from "tether-live";

/**
 * An element hook: the page measures the box (a ResizeObserver in the hook `Measure`, in
 * hooks-page.js) and pushes its size to the server, whose handler answers with the area. The
 * server renders the size it got; the hook writes the answer and its lifecycle beside the box.
 */
export class Hooks extends Component<Record<string, never>, { width: number; height: number; shown: boolean }> {
  state = { width: 0, height: 0, shown: true };

  mount() {
    // What the hook's pushEvent("size", …) calls; its return value is the hook's answer.
    this.session.bindCall("size", (size: { width: number; height: number }) => {
      const width = Math.max(0, Math.round(Number(size?.width) || 0));
      const height = Math.max(0, Math.round(Number(size?.height) || 0));
      this.setState({ width, height });
      return width * height;
    });
  }

  toggle() {
    this.setState({ shown: !this.state.shown });
  }

  render() {
    const { width, height, shown } = this.state;
    return html`
      <main>
        <h1>Element hooks</h1>
        <p class="lead">The box is measured in the page by its hook, which pushes the size to the server: resize it by its corner.</p>
        <p class="toolbar">
          <button id="toggle-box" onClick=${this.toggle}>${shown ? "Remove the box" : "Add the box"}</button>
          <span class="readout"><span class="readout-label">Size the server got</span> <output id="size">${width > 0 ? `${width} × ${height}` : ""}</output></span>
          <span class="readout"><span class="readout-label">Its answer</span> <output id="area" t-ignore></output></span>
        </p>
        ${shown ? html`<div id="measured" class="measured" t-hook="Measure">Drag my corner to resize me.</div>` : null}
        <p class="toolbar"><span class="readout"><span class="readout-label">The hook's lifecycle</span> <output id="hook-log" t-ignore></output></span></p>
      </main>
    `;
  }
}

/** The page's script, which registers the hook (a module the route loads), and the file it is served from. */
export const HOOKS_SCRIPT = "/hooks-page.js";
export const HOOKS_FILES = { [HOOKS_SCRIPT]: { file: new URL("./hooks-page.js", import.meta.url), type: "text/javascript; charset=utf-8" } };
