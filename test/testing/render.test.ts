/**
 * The harness itself: render a component or an app's page, read it with queries, act on it
 * as a user; actions that reach no handler fail; several views share one pub/sub when given
 * one adapter; closing leaves nothing running.
 */
import { afterEach, describe, expect, test } from "vitest";
import { Component, deny, html, memoryAdapter, redirect, type LiveEvent, type TetherOptions } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { Op } from "../../src/protocol/wire.js";
import { Counter } from "../../examples/counter.js";

afterEach(cleanup);

class Greeting extends Component<{ name: string }> {
  render() {
    return html`<h1>Hello, ${this.props.name}</h1>`;
  }
}

class Whoami extends Component {
  render() {
    return html`<p id="who">${String((this.session.context as { user?: string } | undefined)?.user ?? "nobody")} at ${this.session.path}</p>`;
  }
}

/** A sign-up form: the server validates on submit and keeps what was typed. */
class SignUp extends Component<Record<string, never>, { errors: Record<string, string>; done: string | null; terms: boolean }> {
  state = { errors: {} as Record<string, string>, done: null as string | null, terms: false };

  submit(event: LiveEvent) {
    const form = event.form ?? {};
    const errors: Record<string, string> = {};
    if (!String(form.email ?? "").includes("@")) errors.email = "Enter an email address";
    if (form.terms !== "yes") errors.terms = "Accept the terms";
    this.setState({ errors, done: Object.keys(errors).length === 0 ? `Welcome, ${String(form.email)} (${String(form.plan)})` : null });
  }

  toggleTerms(event: LiveEvent) {
    this.setState({ terms: event.checked === true });
  }

  render() {
    const { errors, done, terms } = this.state;
    return html`
      <form onSubmit=${this.submit}>
        <label for="email">Email</label>
        <input id="email" name="email" type="email" />
        ${errors.email ? html`<p role="alert" id="email-error">${errors.email}</p>` : null}
        <label>Plan <select name="plan"><option value="free">Free</option><option value="pro">Pro</option></select></label>
        <label><input id="terms" name="terms" type="checkbox" value="yes" onChange=${this.toggleTerms} /> I accept</label>
        <span id="terms-state">${terms ? "accepted" : "not yet"}</span>
        ${errors.terms ? html`<p role="alert" id="terms-error">${errors.terms}</p>` : null}
        <button type="submit">Sign up</button>
      </form>
      ${done ? html`<p id="done">${done}</p>` : null}
    `;
  }
}

class Inputs extends Component<Record<string, never>, { text: string; keys: string[]; focus: number; blur: number; dbl: number; choice: string }> {
  state = { text: "", keys: [] as string[], focus: 0, blur: 0, dbl: 0, choice: "" };
  render() {
    const s = this.state;
    return html`
      <input id="q" aria-label="Search" onInput=${(e: LiveEvent) => this.setState({ text: String(e.value) })}
        onKeyDown=${(e: LiveEvent) => this.setState({ keys: [...s.keys, String(e.key)] })}
        onFocus=${() => this.setState({ focus: s.focus + 1 })} onBlur=${() => this.setState({ blur: s.blur + 1 })} />
      <input id="slow" t-debounce="30" onInput=${(e: LiveEvent) => this.setState({ text: `slow ${String(e.value)}` })} />
      <select id="choice" onChange=${(e: LiveEvent) => this.setState({ choice: String(e.value) })}><option value="a">A</option><option value="b">Bee</option></select>
      <div id="dbl" onDblClick=${() => this.setState({ dbl: s.dbl + 1 })}>double</div>
      <output id="text">${s.text}</output> <output id="keys">${s.keys.join(",")}</output>
      <output id="focus">${s.focus}/${s.blur}</output> <output id="dbls">${s.dbl}</output> <output id="chosen">${s.choice}</output>
      <p id="inert">no handler here</p>
    `;
  }
}

describe("render", () => {
  test("a component with props: the page as served, live", async () => {
    const view = await render(Greeting, { props: { name: "<Ada>" } });
    expect(view.get("h1").text).toBe("Hello, <Ada>");
    expect(view.html()).toBe("<h1>Hello, &lt;Ada&gt;</h1>");
    expect(view.status).toBe("connected");
  });

  test("a component with a context and a path: what its session knows", async () => {
    const view = await render(Whoami, { context: { user: "ada" }, path: "/me?tab=2" });
    expect(view.get("#who").text).toBe("ada at /me?tab=2");
  });

  test("an app's page: its route, params and authorize hook, with the request's cookies", async () => {
    class User extends Component<{ params: { id: string } }> {
      render() {
        return html`<p id="user">user ${this.props.params.id} for ${String((this.session.context as { name: string }).name)}</p>`;
      }
    }
    const app: TetherOptions = {
      routes: { "/users/:id": User },
      authorize: (request) => (request.cookies.session === "s1" ? { name: "ada" } : redirect("/login")),
    };
    const view = await render("/users/7", app, { request: { cookies: { session: "s1" } } });
    expect(view.get("#user").text).toBe("user 7 for ada");
    await expect(render("/users/7", app)).rejects.toThrow("render: GET /users/7 was answered 302 (redirected to /login)");
    await expect(render("/users/7", { routes: { "/users/:id": { component: User, authorize: () => deny(403) } } })).rejects.toThrow(/answered 403: Forbidden/);
    await expect(render("/nowhere", app)).rejects.toThrow('render: no route of the app matches "/nowhere"');
  });
});

describe("queries", () => {
  test("by selector, role, label and text", async () => {
    const view = await render(SignUp);
    expect(view.getByRole("button", { name: "Sign up" }).attr("type")).toBe("submit");
    expect(view.getByRole("checkbox").attr("id")).toBe("terms");
    expect(view.getByRole("combobox", { name: /Plan/ }).value).toBe("free");
    expect(view.getByLabel("Email").attr("id")).toBe("email");
    expect(view.getByLabel(/accept/).attr("id")).toBe("terms");
    expect(view.getByText("not yet").attr("id")).toBe("terms-state");
    expect(view.query("#done")).toBeNull();
    expect(view.getAll("option").map((o) => o.text)).toEqual(["Free", "Pro"]);
    expect(() => view.get("#nope")).toThrow('no element matches "#nope"');
    expect(() => view.getByRole("link")).toThrow('no element with role "link"');
    expect(() => view.getByRole("option")).toThrow('2 elements with role "option"');
  });
});

describe("actions", () => {
  test("a click runs the handler: the patch is applied and lastPatch() shows its ops", async () => {
    const view = await render(Counter);
    await view.click("#inc");
    await view.click(view.getByRole("button", { name: "Increase" }));
    expect(view.get("#count").text).toBe("2");
    expect(view.lastPatch()).toEqual([[Op.SetText, expect.any(Number), "2"]]);
    await view.click("#dec");
    expect(view.get("#count").text).toBe("1");
  });

  test("an action on an element with no handler for it fails, naming what it has", async () => {
    const view = await render(Counter);
    await expect(view.click("#count")).rejects.toThrow('#count has no click handler: neither it nor an element around it has a handler for this event (<output id="count">)');
    await expect(view.dblclick("#inc")).rejects.toThrow('#inc has no dblclick handler: it handles click (<button id="inc" aria-label="Increase">)');
    await expect(view.input("#inc", "x")).rejects.toThrow("#inc has no input handler: it handles click, and no form around it has a submit handler");
    await expect(view.click("#missing")).rejects.toThrow('no element matches "#missing"');
    expect(view.get("#count").text).toBe("0");
  });

  test("a form: fields filled and submitted, the server's validation shown, the typed values kept", async () => {
    const view = await render(SignUp);
    await view.input("#email", "ada");
    await view.submit("form");
    expect(view.get("#email-error").text).toBe("Enter an email address");
    expect(view.getByText("Accept the terms").attr("role")).toBe("alert");
    expect(view.get("#email").value).toBe("ada");

    await view.check("#terms");
    expect(view.get("#terms-state").text).toBe("accepted");
    await view.submit("form", { email: "ada@example.com", plan: "pro" });
    expect(view.query("[role=alert]")).toBeNull();
    expect(view.get("#done").text).toBe("Welcome, ada@example.com (pro)");

    await view.check("#terms", false);
    expect(view.get("#terms-state").text).toBe("not yet");
    await view.click(view.getByRole("button", { name: "Sign up" }));
    expect(view.get("#terms-error").text).toBe("Accept the terms");
  });

  test("input, keyDown, focus, blur, select, dblclick and a debounced input", async () => {
    const view = await render(Inputs);
    await view.input(view.getByLabel("Search"), "tether");
    expect(view.get("#text").text).toBe("tether");
    expect(view.get("#focus").text).toBe("1/0");
    await view.keyDown("Enter");
    await view.keyDown("#q", "Escape");
    expect(view.get("#keys").text).toBe("Enter,Escape");
    await view.blur("#q");
    await view.focus("#q");
    expect(view.get("#focus").text).toBe("2/1");
    await view.select("#choice", "Bee");
    expect(view.get("#chosen").text).toBe("b");
    await expect(view.select("#choice", "c")).rejects.toThrow('#choice has no option "c": it has "a", "b"');
    await view.dblclick("#dbl");
    expect(view.get("#dbls").text).toBe("1");
    await view.input("#slow", "typed");
    expect(view.get("#text").text).toBe("slow typed");
    await expect(view.focus("#inert")).rejects.toThrow("#inert has no focus handler");
  });
});

describe("several views", () => {
  class Room extends Component<Record<string, never>, { lines: string[] }> {
    state = { lines: [] as string[] };
    mount() {
      this.subscribe("room:lobby", (message) => this.setState({ lines: [...this.state.lines, String(message)] }));
    }
    say(event: LiveEvent) {
      void this.session.broadcast("room:lobby", String(event.form?.text ?? ""));
    }
    render() {
      return html`<ul>${this.state.lines.map((line) => html`<li>${line}</li>`)}</ul><form onSubmit=${this.say}><input name="text" /></form>`;
    }
  }

  test("two views given one memory adapter chat; a view's own server keeps its topics apart otherwise", async () => {
    const shared = memoryAdapter();
    const ada = await render(Room, { pubsub: shared });
    const bob = await render(Room, { pubsub: shared });
    const alone = await render(Room, { settleTimeout: 300 });
    await ada.submit("form", { text: "hello bob" });
    await bob.waitFor(() => expect(bob.getAll("li").map((li) => li.text)).toEqual(["hello bob"]));
    expect(ada.getAll("li").map((li) => li.text)).toEqual(["hello bob"]);
    await bob.submit("form", { text: "hi ada" });
    await ada.waitFor(() => expect(ada.getAll("li").map((li) => li.text)).toEqual(["hello bob", "hi ada"]));
    await alone.settled();
    expect(alone.getAll("li")).toEqual([]);
    await expect(alone.waitFor(() => alone.get("li"))).rejects.toThrow('no element matches "li"');
  });
});

describe("close", () => {
  test("closing a view ends its session and leaves no timer running", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout" || r === "Immediate").length;
    const before = timers();
    const view = await render(Counter);
    await view.click("#inc");
    expect(timers()).toBeGreaterThan(before);
    await view.close();
    // At most as many as before: a timer left by an earlier test of this worker may have fired meanwhile.
    expect(timers()).toBeLessThanOrEqual(before);
    await expect(view.click("#inc")).rejects.toThrow();
  });
});
