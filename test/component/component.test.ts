/**
 * What a component sees of its session: `this.session` is the LiveSession that renders it, as
 * a ComponentSession (checked by the compiler: LiveSession implements it), from mount() on.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { Component, html, LiveSession, LiveTree, type ComponentSession } from "../../src/index.js";

describe("Component.session", () => {
  it("is the session that renders the component, from mount() on", () => {
    let seen: ComponentSession | null = null;
    class Probe extends Component {
      mount() {
        seen = this.session;
      }
      render() {
        return html`<p>probe</p>`;
      }
    }
    const session = new LiveSession("/probe", html`<${Probe} />`);
    expect(seen).toBe(session);
    expect(seen!.id).toBe(session.id);
    expect(seen!.path).toBe("/probe");
    session.end();
    expect(seen!.isEnded).toBe(true);
  });

  it("throws a clear error in the constructor, and in a tree no session renders", () => {
    const errors: string[] = [];
    class Early extends Component {
      constructor(props: Record<string, unknown>) {
        super(props);
        void this.session;
      }
      render() {
        return html`<p>early</p>`;
      }
    }
    class Standalone extends Component {
      mount() {
        void this.session;
      }
      render() {
        return html`<p>standalone</p>`;
      }
    }
    const onError = (error: unknown) => errors.push((error as Error).message);
    new LiveSession("/early", html`<${Early} />`, { onError }).end();
    new LiveTree({ onError }).render(html`<${Standalone} />`);
    expect(errors).toHaveLength(2);
    for (const message of errors) expect(message).toMatch(/this\.session is available from mount\(\) on, in a component rendered by a session/);
  });

  it("offers what components call, and not the session's own machinery", () => {
    expectTypeOf<Component["session"]>().toEqualTypeOf<ComponentSession>();
    expectTypeOf<ComponentSession>().toHaveProperty("executeJs");
    expectTypeOf<ComponentSession>().toHaveProperty("bindApi");
    expectTypeOf<ComponentSession>().not.toHaveProperty("receive");
    expectTypeOf<ComponentSession>().not.toHaveProperty("attach");
    expectTypeOf<LiveSession>().toExtend<ComponentSession>();
  });
});
