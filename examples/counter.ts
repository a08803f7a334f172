import { Component, html } from "tether-live";

/** The smallest live component: state on the server, one patch per click. */
export class Counter extends Component<Record<string, never>, { count: number }> {
  state = { count: 0 };

  inc() {
    this.setState({ count: this.state.count + 1 });
  }

  dec() {
    this.setState({ count: this.state.count - 1 });
  }

  render() {
    return html`
      <main>
        <h1>Counter</h1>
        <p class="lead">The count lives on the server: a click is one event there and one small patch back.</p>
        <p class="toolbar counter">
          <button id="dec" aria-label="Decrease" onClick=${this.dec}>−</button>
          <output id="count">${this.state.count}</output>
          <button id="inc" aria-label="Increase" onClick=${this.inc}>+</button>
        </p>
      </main>
    `;
  }
}
