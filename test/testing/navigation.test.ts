/**
 * Navigation in a view, as in a browser: a `t-nav` link or a `Link nav` runs live navigation's
 * own script in the view's window, which asks the server over the wire; `session.navigate` and
 * back/forward likewise. The same route keeps its component (new props), another route
 * replaces it in the same session. A followed link without live navigation, `session.redirect`
 * and a refused navigation are full loads: a new document, and a new session.
 */
import { afterEach, describe, expect, test } from "vitest";
import { Component, html, redirect, type RouteProps, type TetherOptions } from "../../src/index.js";
import { Link } from "../../components/index.js";
import { Op } from "../../src/protocol/wire.js";
import { cleanup, render } from "../../src/testing/index.js";

afterEach(cleanup);

let mounts: string[] = [];

class Person extends Component<RouteProps, { clicks: number }> {
  state = { clicks: 0 };
  mount() {
    mounts.push(`person ${this.props.params.id}`);
  }
  unmount() {
    mounts.push("person left");
  }
  render() {
    const { id } = this.props.params;
    return html`<main t-nav>
      <h1 id="name">person ${id}</h1> <p id="tab">${this.props.query.tab ?? "none"}</p> <p id="clicks">${this.state.clicks}</p>
      <p id="session">${this.session.id}</p>
      <a id="next" href=${`/people/${Number(id) + 1}?tab=posts`}>next</a> <a id="anchor" href="#bio">bio</a>
      <button id="count" onClick=${() => this.setState({ clicks: this.state.clicks + 1 })}>count</button>
      <button id="go" onClick=${() => this.session.navigate("/people/9")}>go</button>
      <button id="filter" onClick=${() => this.session.navigate("?tab=likes", { replace: true })}>filter</button>
      <button id="reload" onClick=${() => this.session.redirect("/people/1")}>reload</button>
      <button id="away" onClick=${() => this.session.redirect("https://example.com/bye")}>away</button>
    </main>
    <${Link} id="help" href="/help" nav>Help</${Link}> <a id="plain" href="/help">plain</a> <a id="admin" t-nav href="/admin">admin</a>`;
  }
}

class Help extends Component {
  mount() {
    mounts.push("help");
  }
  render() {
    return html`<h1 id="title">Help</h1><p id="session">${this.session.id}</p>`;
  }
}

function app(options: Partial<TetherOptions> = {}): TetherOptions {
  mounts = [];
  return {
    routes: {
      "/people/:id": Person,
      "/help": { component: Help, title: "Help" },
      "/admin": { component: Help, authorize: () => redirect("/help") },
    },
    dev: true,
    ...options,
  };
}

describe("live navigation", () => {
  test("a t-nav link to the same route: the component stays, its props change, one patch; view.path follows", async () => {
    const view = await render("/people/1", app());
    await view.click("#count");
    await view.click("#next");
    view.assertNavigated("/people/2?tab=posts");
    expect(view.get("#name").text).toBe("person 2");
    expect(view.get("#tab").text).toBe("posts");
    expect(view.get("#clicks").text).toBe("1"); // the same component, its state kept
    expect(mounts).toEqual(["person 1"]);
    expect(view.lastPatch().map((op) => op[0])).toContain(Op.SetText);
    expect(() => view.assertNavigated("/people/3")).toThrow('assertNavigated("/people/3"): the page is at "/people/2?tab=posts"');
    expect(view.page.events).toEqual([]); // Tether's own navigation events are not the app's
  });

  test("a Link nav to another route: a new root in the same session; back and forward", async () => {
    const view = await render("/people/1", app());
    const session = view.get("#session").text;
    await view.click("#help");
    view.assertNavigated("/help");
    expect(view.get("#title").text).toBe("Help");
    expect(view.get("#session").text).toBe(session);
    expect(mounts.slice(1).sort()).toEqual(["help", "person left"]);
    await view.back();
    view.assertNavigated("/people/1");
    expect(view.get("#name").text).toBe("person 1");
    await view.forward();
    view.assertNavigated("/help");
    expect(view.get("#session").text).toBe(session);
  });

  test("session.navigate from a handler, with replace; an anchor of the page loads nothing", async () => {
    const view = await render("/people/1", app());
    await view.click("#go");
    view.assertNavigated("/people/9");
    expect(view.get("#name").text).toBe("person 9");
    await view.click("#filter");
    view.assertNavigated("/people/9?tab=likes");
    expect(view.get("#tab").text).toBe("likes");
    await view.back(); // the filter replaced its entry: back is the page before
    view.assertNavigated("/people/1");
    const session = view.get("#session").text;
    await view.click("#anchor");
    view.assertNavigated("/people/1");
    expect(view.get("#session").text).toBe(session);
  });
});

describe("full loads", () => {
  test("session.redirect to a page of the app: a new document and session; to another site: the view has left", async () => {
    const view = await render("/people/4", app());
    const session = view.get("#session").text;
    await view.click("#reload");
    view.assertNavigated("/people/1");
    expect(view.get("#name").text).toBe("person 1");
    expect(view.get("#session").text).not.toBe(session);
    expect(view.status).toBe("connected");
    await view.click("#count"); // the new page is live
    expect(view.get("#clicks").text).toBe("1");
    await view.click("#away");
    view.assertNavigated("https://example.com/bye");
    expect(() => view.get("#name")).toThrow("the page left the app for https://example.com/bye (a full page load)");
  });

  test("a link without live navigation loads its page; a navigation its guard refuses loads where the guard sends it", async () => {
    const view = await render("/people/1", app());
    const session = view.get("#session").text;
    await view.click("#plain");
    view.assertNavigated("/help");
    expect(view.get("#session").text).not.toBe(session);
    const again = await render("/people/1", app());
    await again.click("#admin");
    again.assertNavigated("/help");
    expect(again.get("#title").text).toBe("Help");
  });

  test("with navigation: false, a t-nav link is an ordinary link", async () => {
    const view = await render("/people/1", app({ navigation: false }));
    const session = view.get("#session").text;
    await view.click("#next");
    view.assertNavigated("/people/2?tab=posts");
    expect(view.get("#session").text).not.toBe(session);
    expect(mounts).toEqual(["person 1", "person 2"]);
  });
});
