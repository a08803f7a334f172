/**
 * Tether's benchmark server: the counter, table and profile examples as `npm start` serves
 * them (without the gallery's layout), plus `/table-sized?rows=N`, the same table component
 * pre-filled with N rows (for the cost of a one-row update as the table grows). Run by bench/run.ts in its own process, pinned
 * to one core, with `--expose-gc`.
 *
 * Production settings (`dev: false`: the minified runtime, no error details), except the
 * per-tab rate limit, raised so that a load client sending events as fast as replies come is
 * measured rather than slowed down (the default allows 100 events per second per tab), and the
 * limits per client address, since every tab of the load client comes from 127.0.0.1.
 */
import { serve, type RouteProps } from "../../src/index.js";
import { Counter } from "../../examples/counter.js";
import { Table } from "../../examples/table.js";
import { PersonPage, ProfileList } from "../../examples/profile.js";
import { buildRows } from "./table-data.js";
import { serveControl } from "./control.js";

/** examples/table.ts's component, starting with `?rows=N` rows instead of none. */
class SizedTable extends Table {
  mount(): void {
    this.rows.set(buildRows(1, Number((this.props as unknown as RouteProps).query.rows ?? 1000)));
  }
}

const running = await serve({
  routes: {
    "/counter": { component: Counter, title: "Counter · Tether" },
    "/table": { component: Table, title: "Table · Tether" },
    "/table-sized": { component: SizedTable, title: "Table · Tether" },
    // The navigation scenario's two pages.
    "/profile": { component: ProfileList, title: "Profile · Tether" },
    "/profile/:id": { component: PersonPage, title: "Person · Profile · Tether" },
  },
  port: 0,
  host: "127.0.0.1",
  dev: false,
  rateLimit: { burst: 1e9, perSecond: 1e9 },
  maxConnectionsPerClient: 1e9,
  maxPendingPerClient: 1e9,
});

serveControl(Number(new URL(running.url).port), () => running.tether.sessions.size);
