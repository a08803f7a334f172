/**
 * Tether's benchmark server for pub/sub and failover (bench/probe/pubsub.ts): `/room`, a tab
 * that subscribes to one topic and shows its last message, with a button that broadcasts; and
 * the counter. With BENCH_REDIS_PREFIX, pub/sub, presence and session snapshots go through
 * Redis at 127.0.0.1:6379 under that prefix (several such processes share rooms and
 * sessions); without, they stay in the process. Settings as bench/servers/tether.ts.
 */
import { Component, html, redisAdapter, serve } from "../../src/index.js";
import { Counter } from "../../examples/counter.js";
import { serveControl } from "./control.js";

const TOPIC = "bench:room";

/** A tab of the room: the last message it heard. */
class Room extends Component<Record<string, never>, { last: number }> {
  state = { last: 0 };
  mount() {
    this.subscribe(TOPIC, (message) => this.setState({ last: message as number }));
  }
  send() {
    void this.session.broadcast(TOPIC, this.state.last + 1);
  }
  render() {
    return html`<p><output id="last">${this.state.last}</output><button id="send" onClick=${this.send}>send</button></p>`;
  }
}

const prefix = process.env.BENCH_REDIS_PREFIX;
const running = await serve({
  routes: { "/room": Room, "/counter": Counter },
  port: 0,
  host: "127.0.0.1",
  dev: false,
  secret: "the bench's secret, shared by its processes, 32+ bytes",
  pubsub: prefix ? redisAdapter({ url: "redis://127.0.0.1:6379", prefix }) : undefined,
  rateLimit: { burst: 1e9, perSecond: 1e9 },
  maxConnectionsPerClient: 1e9,
  maxPendingPerClient: 1e9,
  maxPendingSessions: 1e9,
});

serveControl(Number(new URL(running.url).port), () => running.tether.sessions.size);
