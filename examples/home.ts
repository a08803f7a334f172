import { Component, html } from "tether-live";
import { examples, sourceUrl } from "./catalog.js";

/** The gallery's first page: a card for each example. */
export class Home extends Component {
  render() {
    return html`
      <main>
        <h1>Tether examples</h1>
        <p class="lead">Live server components: the state and the handlers stay on the server, the page gets small patches over a WebSocket.</p>
        <ul id="examples" class="cards">
          ${examples.map(
            (e) => html`
              <li key=${e.path} class="card">
                <h2><a href=${e.path}>${e.title}</a></h2>
                <p>${e.about}</p>
                <a class="card-source" href=${sourceUrl(e.source)}>Source</a>
              </li>
            `,
          )}
        </ul>
      </main>
    `;
  }
}
