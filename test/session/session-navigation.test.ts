/**
 * SessionNavigation, the session's half of live navigation: `showPage` renders the new page
 * into the tree as one patch, then tells the page with a join token for its new path; the
 * page's `tether:navigate` goes to the server's navigator; Tether's own page event names are
 * not the app's; a session without a server cannot navigate; `redirect` refuses script URLs;
 * on a server without the navigation script, navigate and redirect refuse.
 */
import { describe, expect, it } from "vitest";
import { Component, html, type RouteProps } from "../../src/index.js";
import { Msg, type EmitMessage, type ServerMessage } from "../../src/protocol/wire.js";
import { LiveSession } from "../../src/session/live-session.js";
import type { LiveSessionOptions } from "../../src/session/options.js";
import { createElement } from "../../src/template/h.js";

let renders = 0;
class Page extends Component<RouteProps> {
  render() {
    renders++;
    return html`<p>page ${this.props.params.id}</p>`;
  }
}

const page = (id: string) => createElement(Page, { params: { id }, query: {}, path: `/p/${id}` }, [], null, 3);

function tab() {
  const sent: ServerMessage[] = [];
  return { sent, send: (text: string) => sent.push(JSON.parse(text) as ServerMessage), close() {} };
}

function session(options: LiveSessionOptions<LiveSession> = {}): { session: LiveSession; sent: ServerMessage[] } {
  const s = new LiveSession("/p/1", page("1"), { joinToken: (x) => `token for ${x.path}`, ...options });
  const t = tab();
  s.attach(t);
  return { session: s, sent: t.sent };
}

describe("SessionNavigation", () => {
  it("shows a page as one patch, then tells the page where it is with a token for that path", () => {
    const { session: s, sent } = session();
    renders = 0;
    s.showPage({ path: "/p/2", content: page("2"), detail: { to: "/p/2", title: "Two" }, context: { user: "ann" } });
    const after = sent.slice(1);
    expect(after.map((m) => m.k)).toEqual([Msg.Patch, Msg.Emit]);
    expect(after[1]).toMatchObject({ ev: "tether:navigated", p: { to: "/p/2", title: "Two" }, tk: "token for /p/2" });
    expect(renders).toBe(1);
    expect(s.path).toBe("/p/2");
    expect(s.context).toEqual({ user: "ann" });
  });

  it("hands the page's tether:navigate to the navigator and answers the event when it settles", async () => {
    const asked: string[] = [];
    const { session: s, sent } = session({ navigator: { live: true, navigate: async (_s, to) => void asked.push(to) } });
    s.receive({ k: Msg.Send, e: 1, ev: "tether:navigate", d: { to: "/p/3" } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toEqual(["/p/3"]);
    expect(sent.at(-1)).toEqual({ k: Msg.Reply, a: 1 });
  });

  it("keeps tether: event names for Tether: the app may not emit or handle them", () => {
    const { session: s } = session();
    expect(() => s.emit("tether:navigated", {})).toThrow(/Tether's own/);
    expect(() => s.on("tether:navigate", () => {})).toThrow(/Tether's own/);
    expect(s.boundMethods).toEqual([]);
  });

  it("cannot navigate without a server, and never redirects to script", async () => {
    const { session: s, sent } = session();
    await expect(s.navigate("/p/2")).rejects.toThrow(/sessions of a server/);
    expect(() => s.redirect("javascript:alert(1)")).toThrow(TypeError);
    s.redirect("/login");
    expect(sent.at(-1)).toMatchObject({ k: Msg.Emit, ev: "tether:load", p: { to: "/login" } } satisfies Partial<EmitMessage>);
  });

  it("on a server whose pages have no navigation script, navigate and redirect say so instead of doing nothing", async () => {
    const asked: string[] = [];
    const { session: s, sent } = session({ navigator: { live: false, navigate: async (_s, to) => void asked.push(to) } });
    const before = sent.length;
    await expect(s.navigate("/p/2")).rejects.toThrow(/navigation: false/);
    expect(() => s.redirect("/login")).toThrow(/navigation: false/);
    expect(asked).toEqual([]);
    expect(sent.length).toBe(before);
  });
});
