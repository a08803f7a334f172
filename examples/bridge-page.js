// The /bridge page's own script: plain JavaScript using window.tether, loaded as a module by
// the route's `scripts` option (after Tether's runtime, so window.tether is there).
const { tether } = window;

document.addEventListener("click", async (event) => {
  if (event.target.id === "ping") tether.sendEvent("ping");
  if (event.target.id === "add") document.getElementById("sum").textContent = String(await tether.api.add({ a: 2, b: 3 }));
});
tether.on("notice", (payload) => {
  document.getElementById("notice").textContent = String(payload.n);
});

// A module may await first (here a round trip to the server). The "welcome" event that the
// component's mount() emitted has arrived by then; the page kept it for this subscriber.
await tether.api.echo(null);
tether.on("welcome", (payload) => {
  document.getElementById("welcome").textContent = payload.text;
});
