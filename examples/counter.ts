import { Component, html } from "../src/index.js";

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
        <p>
          <button id="dec" onClick=${this.dec}>−</button>
          <output id="count">${this.state.count}</output>
          <button id="inc" onClick=${this.inc}>+</button>
        </p>
        <p><a href="/">← all examples</a></p>
      </main>
    `;
  }
}
