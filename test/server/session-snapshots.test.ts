/**
 * Session snapshots (server/session-snapshots.ts, diff/snapshot.ts): a tree's components and
 * their states in pre-order, a session made again from them with its id (a component's own
 * `snapshot()`/`restore()` for what is not plain data), the first component of another class
 * ending the restore; what is not JSON or too large is not kept and is reported once; a
 * session that ends deletes its snapshot, one ended by a stopping server keeps it.
 */
import { describe, expect, it } from "vitest";
import { Component, html, LiveSession, memoryAdapter } from "../../src/index.js";
import { childAt, childCount, snapshotTree, type LiveNode, type RestoredSession } from "../../src/diff/index.js";
import { Msg, type ServerMessage } from "../../src/protocol/wire.js";
import { SessionSnapshots } from "../../src/server/session-snapshots.js";
import { liveToHtml } from "../../src/html/to-html.js";

class Item extends Component<{ label: string }, { clicks: number }> {
  state = { clicks: 0 };
  render() {
    return html`<li>${this.props.label}: ${this.state.clicks}</li>`;
  }
}

/** Keeps a Set, which JSON does not carry: its own snapshot() and restore() say how. */
class Tags extends Component<Record<string, never>, { tags: Set<string> }> {
  state = { tags: new Set<string>() };
  snapshot() {
    return [...this.state.tags];
  }
  restore(saved: unknown) {
    this.state = { tags: new Set(saved as string[]) };
  }
  render() {
    return html`<p>${[...this.state.tags].join(",")}</p>`;
  }
}

class Page extends Component<Record<string, never>, { items: string[]; title: string }> {
  state = { items: ["a", "b"], title: "fresh" };
  mounted = 0;
  mount() {
    this.mounted++;
  }
  render() {
    return html`<main><h1>${this.state.title}</h1><ul>${this.state.items.map((label) => html`<${Item} key=${label} label=${label} />`)}</ul><${Tags} /></main>`;
  }
}

/** The class components of a session's tree, in pre-order. */
const instances = (session: LiveSession) => {
  const out: Component[] = [];
  const visit = (live: LiveNode) => {
    if (live.instance) out.push(live.instance);
    for (let i = 0; i < childCount(live); i++) visit(childAt(live, i));
  };
  visit(session.tree.root);
  return out;
};

describe("snapshots of a tree", () => {
  it("keeps each component's state in pre-order, and a session made from them shows the same page with the same id", async () => {
    const first = new LiveSession("/p", html`<${Page} />`);
    await first.ready();
    const [page, a, , tags] = instances(first) as [Page, Item, Item, Tags];
    page.setState({ items: ["a", "b", "c"], title: "changed" });
    first.flush();
    a.setState({ clicks: 3 });
    tags.setState({ tags: new Set(["x", "y"]) });
    first.flush();
    const saved = snapshotTree(first.tree);
    expect(saved).toEqual([
      ["<Page>", { items: ["a", "b", "c"], title: "changed" }],
      ["<Item>", { clicks: 3 }],
      ["<Item>", { clicks: 0 }],
      ["<Item>", { clicks: 0 }],
      ["<Tags>", ["x", "y"]],
    ]);
    const again = new LiveSession("/p", html`<${Page} />`, {}, undefined, { id: first.id, components: JSON.parse(JSON.stringify(saved)), events: 0 });
    await again.ready();
    expect(again.id).toBe(first.id);
    expect(liveToHtml(again.tree.root)).toBe(liveToHtml(first.tree.root));
    expect((instances(again)[0] as Page).mounted).toBe(1); // mount() runs again, after the restore
  });

  it("ends the restore at the first component of another class: it and the rest mount fresh", async () => {
    const session = new LiveSession("/p", html`<${Page} />`, {}, undefined, { id: "x", components: [["<Page>", { items: ["q"], title: "kept" }], ["<Tags>", ["wrong place"]]], events: 0 });
    await session.ready();
    expect(liveToHtml(session.tree.root)).toContain("<h1>kept</h1>");
    expect(liveToHtml(session.tree.root)).toContain("<li>q: 0</li>");
    expect(liveToHtml(session.tree.root)).toContain("<p></p>");
  });
});

describe("a session made again from its snapshot", () => {
  class Tally extends Component<Record<string, never>, { n: number }> {
    state = { n: 0 };
    inc() {
      this.setState({ n: this.state.n + 1 });
    }
    snapshot() {
      return this.state.n;
    }
    restore(saved: unknown) {
      this.state = { n: saved as number };
    }
    render() {
      return html`<main><button onClick=${this.inc}>${this.state.n}</button></main>`;
    }
  }
  /** Joins `session` and returns how to click its button (as the tab would, by id) and what it sent. */
  function join(session: LiveSession) {
    const sent: ServerMessage[] = [];
    session.attach({ send: (text: string) => void sent.push(JSON.parse(text) as ServerMessage), close: () => {} });
    const mount = sent[0] as Extract<ServerMessage, { k: typeof Msg.Mount }>;
    return { mount, sent, click: (e: number) => session.receive({ k: Msg.Event, e, n: mount.id + 1, t: "click", d: {} }) };
  }

  it("says in its Mount which events its state holds, and applies a re-sent event once: those up to it are answered, not applied", async () => {
    const first = new LiveSession("/t", html`<${Tally} />`);
    await first.ready();
    const tab = join(first);
    for (let e = 1; e <= 3; e++) tab.click(e);
    const snapshot = JSON.stringify({ id: first.id, components: snapshotTree(first.tree), events: first.answered });
    expect(first.answered).toBe(3);
    // The process dies; another makes the session again from what the snapshot kept.
    const again = new LiveSession("/t", html`<${Tally} />`, {}, undefined, JSON.parse(snapshot) as RestoredSession);
    await again.ready();
    const back = join(again);
    expect(back.mount.a).toBe(3);
    back.click(3); // applied before the snapshot: answered again, not applied
    back.click(4); // made while the process was down: applied once
    back.click(4); // and a repeat of it, after another cut
    expect(/<button>(\d+)<\/button>/.exec(again.toHtml())![1]).toBe("4");
    expect(again.answered).toBe(4);
  });
});

describe("SessionSnapshots", () => {
  const settings = (errors: string[]) => ({ delay: 5, maxBytes: 400, ttl: 60_000, onError: (_e: unknown, where: string) => errors.push(where) });
  const until = async (test: () => Promise<boolean>) => {
    const deadline = Date.now() + 5000;
    while (!(await test()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it("saves a changed session, loads it for its page only, and deletes it when the session ends", async () => {
    const adapter = memoryAdapter();
    const errors: string[] = [];
    const snapshots = new SessionSnapshots(adapter.snapshots, settings(errors));
    const session = new LiveSession("/p", html`<${Page} />`);
    await session.ready();
    snapshots.changed(session);
    snapshots.changed(session);
    await until(async () => (await snapshots.load(session.id, "/p")) !== null);
    expect((await snapshots.load(session.id, "/p"))?.components[0]).toEqual(["<Page>", { items: ["a", "b"], title: "fresh" }]);
    expect(await snapshots.load(session.id, "/other")).toBeNull();
    snapshots.ended(session);
    expect(await snapshots.load(session.id, "/p")).toBeNull();
    expect(errors).toEqual([]);
  });

  it("keeps the snapshots of the sessions a stopping server ends, saving what changed last", async () => {
    const adapter = memoryAdapter();
    const snapshots = new SessionSnapshots(adapter.snapshots, { ...settings([]), delay: 60_000 });
    const session = new LiveSession("/p", html`<${Page} />`);
    await session.ready();
    snapshots.changed(session);
    await snapshots.close();
    snapshots.ended(session);
    expect(await snapshots.load(session.id, "/p")).not.toBeNull();
  });

  it("does not keep state that is not JSON, or a snapshot over maxBytes, and reports each session once", async () => {
    class Dated extends Component<Record<string, never>, { at: Date }> {
      state = { at: new Date() };
      render() {
        return html`<p>${this.state.at.getFullYear()}</p>`;
      }
    }
    class Large extends Component<Record<string, never>, { text: string }> {
      state = { text: "x".repeat(1000) };
      render() {
        return html`<p>${this.state.text.length}</p>`;
      }
    }
    const adapter = memoryAdapter();
    const errors: string[] = [];
    const snapshots = new SessionSnapshots(adapter.snapshots, settings(errors));
    for (const Type of [Dated, Large]) {
      const session = new LiveSession("/d", html`<${Type} />`);
      await session.ready();
      snapshots.changed(session);
      await until(async () => errors.length > (Type === Dated ? 0 : 1));
      snapshots.changed(session);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await snapshots.load(session.id, "/d")).toBeNull();
    }
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/snapshotting the session of \/d/);
  });
});
