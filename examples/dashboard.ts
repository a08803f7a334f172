import { Component, html, type LiveEvent, type Renderable } from "tether-live";
import { Collapse, Grid, Progress, ScrollArea, Table, Tabs, Toasts, ToastStack, type Cell } from "tether-live/components";

/** The regions and their services: a region's name spans its services' rows. */
const REGIONS = [
  { region: "Europe", services: [{ name: "api", replicas: 6, p95: 41 }, { name: "web", replicas: 4, p95: 63 }] },
  { region: "America", services: [{ name: "api", replicas: 8, p95: 38 }, { name: "web", replicas: 5, p95: 71 }, { name: "jobs", replicas: 2, p95: 240 }] },
];

const DEPLOYS = [
  { version: "2.4.1", by: "ada", when: "09:12", status: "live" },
  { version: "2.4.0", by: "alan", when: "yesterday", status: "rolled back" },
  { version: "2.3.9", by: "grace", when: "Monday", status: "replaced" },
];

const EVENTS = ["request served", "cache warmed", "replica healthy", "job done", "config reloaded"];

/** Lines the log keeps: older ones go, so a page left open does not grow. */
const LOG_LINES = 200;

interface State {
  /** The rollout's progress, 0 to 1. */
  rollout: number;
  log: { n: number; text: string }[];
}

/**
 * A dashboard from the components: a table with row and column spans, tabs, progress bars, a
 * log that follows its end as lines come in (one a second, from the server), and a toast when
 * the rollout is done.
 */
export class Dashboard extends Component<Record<string, never>, State> {
  state: State = { rollout: 0, log: [] };
  toasts = new Toasts(() => this.setState({}));
  #timer: ReturnType<typeof setInterval> | null = null;
  #n = 0;

  connected() {
    // Once per session: connected() runs again after a remount.
    this.#timer ??= setInterval(() => this.tick(), 1000);
    this.tick();
  }

  unmount() {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.toasts.stop();
  }

  tick() {
    const n = ++this.#n;
    const text = `${new Date().toISOString().slice(11, 19)} ${EVENTS[n % EVENTS.length]} (#${n})`;
    const log = [...this.state.log, { n, text }].slice(-LOG_LINES);
    const rollout = Math.min(1, this.state.rollout + 0.1);
    if (rollout === 1 && this.state.rollout < 1) this.toasts.show("Rollout of 2.4.1 done", { color: "success" });
    this.setState({ log, rollout });
  }

  restart() {
    this.setState({ rollout: 0 });
  }

  dismiss(event: LiveEvent) {
    this.toasts.dismiss(Number(event.data.id));
  }

  render(): Renderable {
    const { rollout, log } = this.state;
    const rows: Cell[][] = REGIONS.flatMap(({ region, services }) =>
      services.map((s, i) => [...(i === 0 ? [{ content: region, header: true, rowspan: services.length }] : []), s.name, s.replicas, `${s.p95} ms`]));
    const total = REGIONS.reduce((sum, r) => sum + r.services.reduce((t, s) => t + s.replicas, 0), 0);
    rows.push([{ content: "Replicas in all", header: true, colspan: 2 }, total, ""]);
    const overview = html`<${Grid} columns="repeat(auto-fit, minmax(16rem, 1fr))">
      <section>
        <${Table} id="services" caption="Services by region" header=${[[{ content: "Where", colspan: 2 }, { content: "Replicas", rowspan: 2 }, { content: "p95", rowspan: 2 }], ["Region", "Service"]]} rows=${rows} />
      </section>
      <section>
        <${Progress} id="rollout" label="Rollout of 2.4.1" value=${rollout} showValue />
        <${Progress} id="disk" label="Disk used" value=${0.62} showValue />
        <button class="tether-button tether-secondary" id="restart" onClick=${this.restart} disabled=${rollout < 1}>Roll out again</button>
        <${Collapse} title="What the numbers mean">p95: the time in which 95% of requests are answered.</${Collapse}>
      </section>
    </${Grid}>`;
    const deploys = html`<${Table} id="deploys" data=${DEPLOYS} columns=${["version", "by", "when", { key: "status", header: "status" }]} />`;
    const logArea = html`<${ScrollArea} id="log" label="Server log" height="14rem">${log.map((l) => html`<p key=${l.n} class="log-line">${l.text}</p>`)}</${ScrollArea}>`;
    return html`<main class="dashboard">
      <h1>Dashboard</h1>
      <p class="lead">Components from <code>tether-live/components</code>; the log and the rollout update from the server every second.</p>
      <${Tabs} id="views" label="Views" tabs=${[{ title: "Overview", content: overview }, { title: "Deployments", content: deploys }, { title: "Log", content: logArea }]} />
      <${ToastStack} toasts=${this.toasts.list} onDismiss=${this.dismiss} />
    </main>`;
  }
}
