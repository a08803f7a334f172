/**
 * The /table page as a "send the whole HTML" page: every click is sent over a WebSocket to the
 * whole-HTML bench server (bench/servers/html.ts), which answers with the page's whole HTML
 * after the event, and the page sets its container's `innerHTML` to it. No diff, no keys: the
 * browser parses and lays out every row again at every answer.
 *
 * The server's port is the page's `?ws=` parameter. Bundled by bench/pages/server.ts into the
 * page it serves at /table-whole-html.
 */

const app = document.getElementById("app")!;
const socket = new WebSocket(`ws://127.0.0.1:${new URLSearchParams(location.search).get("ws")}`);
const send = (message: { join?: string; ev?: string; id?: number }) => socket.send(JSON.stringify(message));

socket.addEventListener("open", () => send({ join: "/table" }));
socket.addEventListener("message", (message) => {
  app.innerHTML = message.data as string;
  document.documentElement.classList.add("bench-ready");
});

// One listener on the container, which outlives every answer: the buttons' ids are the
// server's event names (run, runlots, add, update, clear, swaprows); a row's links carry its id.
app.addEventListener("click", (event) => {
  const target = event.target as Element;
  if (target.matches("button[id]")) send({ ev: target.id });
  else if (target.matches("a.lbl")) send({ ev: "select", id: Number(target.getAttribute("data-id")) });
  else if (target.matches("a.remove")) send({ ev: "remove", id: Number(target.getAttribute("data-id")) });
});
