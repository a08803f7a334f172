import { Component, endpoint, html, type EndpointConnection } from "tether-live";

/** How many messages each connection has sent: the connection's own data. */
interface EchoData {
  received: number;
}

/**
 * A Robyn-style WebSocket endpoint beside the pages: each JSON message `m` is answered with
 * `{"echo": m, "id": <the connection's id>}`; a message `{"broadcast": text}` also goes to
 * every other connection, in every process (over pub/sub), as `{"from": id, "broadcast": text}`.
 */
export const echo = endpoint<EchoData>("/ws/echo", {
  connect(conn) {
    conn.data = { received: 0 };
  },
  message(conn, data) {
    conn.data.received++;
    let m: unknown;
    try {
      m = JSON.parse(typeof data === "string" ? data : data.toString("utf8"));
    } catch {
      return conn.sendJson({ error: "not JSON", id: conn.id });
    }
    conn.sendJson({ echo: m, id: conn.id });
    const text = (m as { broadcast?: unknown } | null)?.broadcast;
    if (typeof text === "string") void conn.broadcast({ from: conn.id, broadcast: text });
  },
});

/** Exported for the tests: the connection type of the endpoint. */
export type EchoConnection = EndpointConnection<EchoData>;

/**
 * The page that uses it: a plain WebSocket in a page script (no Tether runtime involved),
 * sending what is typed and listing what comes back.
 */
export const ECHO_PAGE_SCRIPT = `<script type="module">
const log = document.getElementById("replies");
const socket = new WebSocket(location.origin.replace(/^http/, "ws") + "/ws/echo");
const show = (text) => { const li = document.createElement("li"); li.className = "reply"; li.textContent = text; log.prepend(li); };
socket.addEventListener("open", () => document.getElementById("socket-state").textContent = "open");
socket.addEventListener("close", () => document.getElementById("socket-state").textContent = "closed");
socket.addEventListener("message", (e) => show(e.data));
document.getElementById("echo-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const text = e.target.elements.text.value;
  const broadcast = e.submitter && e.submitter.id === "broadcast";
  socket.send(JSON.stringify(broadcast ? { broadcast: text } : { text }));
});
</script>`;

/** The page of the endpoint: its form and log are the page script's, not the server's. */
export class Echo extends Component {
  render() {
    return html`
      <main>
        <h1>WebSocket endpoint</h1>
        <p class="lead">A WebSocket of the app's own at /ws/echo, beside the pages: it echoes JSON with the connection's id, and broadcasts to every other tab.</p>
        <p t-ignore>Socket: <output id="socket-state">connecting</output></p>
        <form id="echo-form" class="toolbar" t-ignore>
          <input name="text" aria-label="Text" value="hello" />
          <button id="send">Echo</button>
          <button id="broadcast">Broadcast</button>
        </form>
        <ul id="replies" class="replies" t-ignore></ul>
      </main>
    `;
  }
}
