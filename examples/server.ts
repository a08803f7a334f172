/**
 * `npm start`: serves every example, with a gallery at /. PORT and HOST come from the
 * environment (default 127.0.0.1:3000).
 */
import { Component, html, serve } from "../src/index.js";
import { Counter } from "./counter.js";
import { List } from "./list.js";
import { Table } from "./table.js";
import { Script } from "./script.js";
import { Bridge, BRIDGE_PAGE_SCRIPT } from "./bridge.js";
import { Csp, CSP_PAGE_SCRIPT } from "./csp.js";

const STYLE = `<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 52rem; padding: 0 1rem; }
  button { font: inherit; padding: .25rem .75rem; }
  table.rows { border-collapse: collapse; margin-top: 1rem; }
  table.rows td { border-top: 1px solid #ddd; padding: .1rem .6rem; }
  tr.danger { background: #fdd; }
  a.lbl, a.remove { cursor: pointer; }
  pre.error { color: #a00; }
  .tether-loading { opacity: .6; cursor: progress; }
  #count { display: inline-block; min-width: 3ch; text-align: center; font-size: 1.5rem; }
  html.tether-reconnecting body::before, html.tether-disconnected body::before {
    content: "offline — reconnecting…"; position: fixed; top: .5rem; right: .5rem; background: #fd8; padding: .1rem .5rem; border-radius: .25rem;
  }
</style>`;

export const examples = [
  { path: "/counter", title: "Counter", component: Counter, about: "state on the server, one small patch per click" },
  { path: "/list", title: "Keyed list", component: List, about: "reorders move DOM nodes, typed text stays with its row" },
  { path: "/table", title: "Table", component: Table, about: "the js-framework-benchmark operations, 1,000 to 10,000 rows" },
  { path: "/script", title: "Script console", component: Script, about: "the server runs code in the tab: executeJs, getJsResult" },
  { path: "/bridge", title: "Bridge", component: Bridge, about: "page scripts call the server; the server emits to the page", head: BRIDGE_PAGE_SCRIPT, auroraview: true },
  { path: "/csp", title: "Strict CSP", component: Csp, about: "a page under script-src 'nonce-…': all works but eval", head: CSP_PAGE_SCRIPT, csp: true },
];

class Gallery extends Component {
  render() {
    return html`
      <main>
        <h1>Tether examples</h1>
        <ul id="examples">
          ${examples.map((e) => html`<li key=${e.path}><a href=${e.path}>${e.title}</a> — ${e.about}</li>`)}
        </ul>
      </main>
    `;
  }
}

const routes = Object.fromEntries([
  ["/", { component: Gallery, title: "Tether examples", head: STYLE }],
  ...examples.map((e) => [
    e.path,
    {
      component: e.component,
      title: `${e.title} · Tether`,
      head: (page: { nonce: string }) => STYLE + (!("head" in e) ? "" : typeof e.head === "function" ? e.head(page) : e.head),
      auroraview: "auroraview" in e,
      csp: "csp" in e,
    },
  ]),
]);

const running = await serve({ routes });
console.log(`Tether examples at ${running.url}/`);
