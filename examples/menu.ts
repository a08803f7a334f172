import { Component, html, JS } from "tether-live";

const ITEMS = ["Copy", "Rename", "Archive"];

/**
 * A dropdown menu and a modal driven by client commands: they open and close in the page at
 * once, with nothing sent to the server. Picking an item also tells the server (`push`); the
 * server's re-render of the page leaves the menu as the commands made it (README "Client commands").
 */
export class Menu extends Component<Record<string, never>, { picked: string; renders: number }> {
  state = { picked: "", renders: 0 };

  mount() {
    this.session.on("menu-pick", (detail) => this.setState({ picked: String((detail as { item?: unknown })?.item ?? "") }));
  }

  rerender() {
    this.setState({ renders: this.state.renders + 1 });
  }

  render() {
    return html`
      <main>
        <h1>Menu and modal</h1>
        <p class="lead">The menu and the modal open and close in the page, by client commands: no round trip. Picking an item also sends it to the server.</p>
        <div class="menu-wrap">
          <button id="menu-toggle" type="button" aria-haspopup="true" t-js=${JS.toggle("#menu").toggleClass(undefined, "open")}>Actions ▾</button>
          <ul id="menu" class="menu" role="menu" hidden>
            ${ITEMS.map((item) => html`<li role="none"><button type="button" role="menuitem" data-item=${item} t-js=${JS.hide("#menu").removeClass("#menu-toggle", "open").push("menu-pick", { item })}>${item}</button></li>`)}
          </ul>
        </div>
        <p class="toolbar">
          <span class="readout"><span class="readout-label">The server got</span> <output id="picked">${this.state.picked}</output></span>
        </p>
        <p class="toolbar">
          <button id="modal-open" type="button" t-js=${JS.show("#modal", { display: "grid" }).transition("#modal", "fade-in", 200).focus("#modal-close")}>Open the modal</button>
          <button id="rerender" type="button" onClick=${this.rerender}>Re-render on the server</button>
          <span class="readout"><span class="readout-label">Server renders</span> <output id="renders">${this.state.renders}</output></span>
        </p>
        <div id="modal" class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title" hidden t-key="Escape" t-js-keydown=${JS.hide("#modal").focus("#modal-open")}>
          <div class="modal-box">
            <h2 id="modal-title">A modal</h2>
            <p>Opened and closed in the page, with nothing sent to the server. Escape closes it too.</p>
            <button id="modal-close" type="button" t-js=${JS.hide("#modal").focus("#modal-open")}>Close</button>
          </div>
        </div>
      </main>
    `;
  }
}
