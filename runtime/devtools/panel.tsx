/** @jsxImportSource preact */
import type { TetherPage } from "../page-api.js";
import type { devHooks as DevHooks } from "../dev-hooks.js";
import { ComponentTree } from "./component-tree.js";
import { lastRoundTrip, pendingRequests, summarizeEvents, type EventRow, type PendingRow } from "./summary.js";

/** What the panel shows, read afresh at each refresh: the page's `tether`, the development runtime's records, the time. */
export interface PanelProps {
  tether: TetherPage;
  hooks: typeof DevHooks;
  now: number;
  close: () => void;
}

/** The devtools panel: the connection, each event with its patch and server time, pending requests, the component tree. */
export function Panel({ tether, hooks, now, close }: PanelProps) {
  const events = summarizeEvents(hooks.log);
  const pending = pendingRequests(hooks.log, hooks.callTimeouts, now);
  const rtt = lastRoundTrip(events);
  return (
    <div class="panel" role="region" aria-label="Tether devtools">
      <div class="bar">
        <strong>Tether devtools</strong>
        <label>
          latency <input id="latency" type="number" min="0" step="50" defaultValue={String(hooks.latency)} onChange={(e) => tether.latency?.(Number(e.currentTarget.value))} /> ms
        </label>
        <button id="close" type="button" onClick={close}>Close</button>
      </div>
      <h2>Connection</h2>
      <table>
        <tr>
          <th>status</th><td id="status">{tether.status}</td>
          <th>transport</th><td id="transport">{tether.transport}</td>
          <th>round trip</th><td id="rtt">{rtt === null ? "–" : `${rtt} ms`}</td>
          <th>latency</th><td id="latency-now">{hooks.latency} ms</td>
        </tr>
      </table>
      <h2>Events and their patches</h2>
      {events.length === 0 ? <p class="muted">No event yet.</p> : <EventTable events={events} />}
      <h2>Pending requests</h2>
      {pending.length === 0 ? <p class="muted">None.</p> : <PendingTable pending={pending} />}
      <h2>
        Components <button id="refresh" type="button" onClick={() => hooks.watch(true)}>Refresh</button>
      </h2>
      <ComponentTree report={hooks.report} />
      <p class="muted">Bytes are each message's JSON; the server time is its handler, render, diff and encoding; the tree is the server's, after each event.</p>
    </div>
  );
}

function EventTable({ events }: { events: EventRow[] }) {
  return (
    <table id="events">
      <tr><th>#</th><th>event</th><th>node</th><th>ops</th><th>bytes</th><th>round trip</th><th>server</th></tr>
      {events.map((r) => (
        <tr key={`${r.e}@${r.at}`} data-e={r.e}>
          <td>{r.e}</td>
          <td class="name">{r.name}</td>
          <td>{r.node ?? "page"}</td>
          <td class="ops">{r.error !== null ? `error ${r.error}` : (r.ops ?? "…")}</td>
          <td class="bytes">{r.bytes ?? "…"}</td>
          <td>{r.rtt === null ? "waiting" : `${r.rtt} ms`}</td>
          <td class="server">{r.server === null ? "–" : `${r.server} ms`}</td>
        </tr>
      ))}
    </table>
  );
}

function PendingTable({ pending }: { pending: PendingRow[] }) {
  return (
    <table id="pending">
      <tr><th>kind</th><th>id</th><th>what</th><th>time left</th></tr>
      {pending.map((p) => (
        <tr key={`${p.kind}:${p.id}`}>
          <td>{p.kind}</td>
          <td>{p.id}</td>
          <td>{p.what}</td>
          <td>{p.left === null ? "no timeout" : `${p.left} ms`}</td>
        </tr>
      ))}
    </table>
  );
}
