import type { Renderable } from "../vnode/vnode.js";
import type { MessageHandler, PresenceHandler, Unsubscribe, Untrack } from "../pubsub/index.js";
import type { ComponentSession } from "./component-session.js";
import { Upload, type UploadOptions } from "./upload.js";
import type { ChildMessageHandler, ParentMessageHandler } from "./linked-window.js";
import { CLEANUPS, HOST, TREE, type ComponentHost, type ComponentTree } from "./slots.js";

/**
 * A stateful server component. Subclass it, keep state in `state`, change it with
 * `setState`, and render with `html` or JSX. Methods used as event handlers are called
 * with `this` bound to the component, so `onClick=${this.inc}` works as written.
 *
 *   class Counter extends Component<{}, { count: number }> {
 *     state = { count: 0 };
 *     inc() { this.setState({ count: this.state.count + 1 }); }
 *     render() { return html`<button onClick=${this.inc}>${this.state.count}</button>`; }
 *   }
 */
export abstract class Component<P = Record<string, unknown>, S = Record<string, unknown>> {
  props: P;
  state: S = {} as S;
  [HOST]: ComponentHost | null = null;
  [TREE]: ComponentTree | null = null;
  [CLEANUPS]: Array<() => unknown> | null = null;
  /** True once the component has been removed from the page; setState is then ignored. */
  unmounted = false;

  constructor(props: P) {
    this.props = props;
  }

  /**
   * The one way to change state. Merges `update` (or what the function returns) into a new
   * state object and schedules a render. Every change made while handling one event, or in
   * one turn of the event loop, produces a single render and a single patch batch.
   */
  setState(update: Partial<S> | ((state: S, props: P) => Partial<S> | null | undefined)): void {
    if (this.unmounted) return;
    const partial = typeof update === "function" ? update(this.state, this.props) : update;
    if (partial == null) return;
    this.state = { ...this.state, ...partial };
    const live = this[HOST];
    if (live !== null) this[TREE]!.invalidate(live);
  }

  /**
   * Calls a function its parent passed in props (a callback such as `onSubmit`) the way element
   * handlers are called: with the component that rendered this one as `this`. So a parent's
   * `onSubmit=${this.save}` works unbound, as its `onClick=${this.save}` does. Nothing when
   * `callback` is undefined; otherwise what it returns.
   */
  protected callProp<A extends unknown[], R>(callback: ((...args: A) => R) | undefined, ...args: A): R | undefined {
    if (callback === undefined) return undefined;
    const host = this[HOST];
    return callback.apply(host === null ? undefined : (this[TREE]!.ownerOf(host) ?? undefined), args);
  }

  /**
   * The live session (one browser tab) this component runs in: for `executeJs`, `emit`,
   * `bindApi` and the rest. Available from `mount()` on, not in the constructor. What needs
   * the page itself (`executeJs`, `getJsResult`, `callClient`) belongs in `connected()`.
   */
  get session(): ComponentSession {
    const session = this[TREE]?.session;
    if (session == null) throw new Error("Tether: this.session is available from mount() on, in a component rendered by a session");
    return session as ComponentSession;
  }

  /**
   * Called once before the first render. If it returns a promise, Tether renders again when it
   * settles (the page's root component is awaited before the first paint, so it never waits
   * for the page: `executeJs` here fails at once with NotConnectedError; use `connected()`).
   */
  mount?(): void | Promise<void>;
  /**
   * Called when the tab's live connection is up and the page shows this component: after the
   * page joined (never during the first paint), and for a component added later, once the page
   * has it. Called again after a remount (the tab got the whole page afresh: it fell too far
   * behind, or its page diverged), not after a resume (a dropped connection picked up where it
   * left off). The place for `executeJs`, `callClient` and what the page should get at once.
   */
  connected?(): void | Promise<void>;

  /**
   * Calls `handler` (with `this` the component) with each message broadcast to `topic`, from
   * any session or process, until the component leaves the page or its session ends; what it
   * changes is sent as one patch. Call it from `mount()` on.
   *
   *   mount() { this.subscribe("room:lobby", (message) => this.setState({ last: message })); }
   */
  subscribe(topic: string, handler: MessageHandler): Unsubscribe {
    return this.endsWithMe(this.session.subscribe(topic, (message, t) => handler.call(this, message, t)));
  }

  /** Shows this tab on `topic` under `key` with `meta` (see ComponentSession.track) while the component is on the page. */
  track(topic: string, key: string, meta?: unknown): Untrack {
    return this.endsWithMe(this.session.track(topic, key, meta));
  }

  /** Calls `handler` with `topic`'s presence diffs (joins, leaves) while the component is on the page. */
  onPresence(topic: string, handler: PresenceHandler): Unsubscribe {
    return this.endsWithMe(this.session.onPresence(topic, (diff, t) => handler.call(this, diff, t)));
  }

  /**
   * Declares a file upload named `name` (a field initializer or `mount()`): render a `FileInput`
   * or `DropZone` of `tether-live/components` for it, read its `entries` (name, size, progress,
   * error) in `render()`, and `consume` what arrived. It ends with the component: its token
   * stops working and its temporary files are removed.
   *
   *   avatar = this.allowUpload("avatar", { accept: ["image/*"], maxFileSize: 2e6 });
   */
  allowUpload(name: string, options: UploadOptions = {}): Upload {
    const upload = new Upload(
      name,
      options,
      () => {
        const live = this[HOST];
        if (live !== null && !this.unmounted) this[TREE]!.invalidate(live);
      },
      () => {
        const session = this.session;
        if (session.uploads === null) throw new Error("Tether: uploads are for the sessions of a server (createTether or serve)");
        return { service: session.uploads, sessionId: session.id };
      },
    );
    const cleanups = (this[CLEANUPS] ??= []);
    cleanups.push(() => upload.close());
    return upload;
  }

  /**
   * Calls `handler` (with `this` the component) with the messages of this session's child
   * windows, `child_opened` and `child_closed`, while the component is on the page.
   *
   *   mount() { this.onChildMessage((child, event, data) => event === "saved" && this.reload()); }
   */
  onChildMessage(handler: ChildMessageHandler): Unsubscribe {
    return this.endsWithMe(this.session.onChildMessage((child, event, data) => handler.call(this, child, event, data)));
  }

  /** Calls `handler` (with `this` the component) with the parent window's messages and `parent_closed`, while the component is on the page. */
  onParentMessage(handler: ParentMessageHandler): Unsubscribe {
    return this.endsWithMe(this.session.onParentMessage((event, data) => handler.call(this, event, data)));
  }

  /** Keeps `end` for when the component leaves the page; the returned function (with `end`'s `ready`) ends it earlier and forgets it. */
  private endsWithMe<F extends (() => unknown) & { readonly ready: Promise<void> }>(end: F): F {
    if (this.unmounted) {
      end(); // a subscribe after unmount (an async mount that settled late) ends at once
      return end;
    }
    const cleanups = (this[CLEANUPS] ??= []);
    cleanups.push(end);
    const early = () => {
      const at = this[CLEANUPS]?.indexOf(end) ?? -1;
      if (at !== -1) this[CLEANUPS]!.splice(at, 1);
      return end();
    };
    return Object.assign(early, { ready: end.ready }) as unknown as F;
  }

  /**
   * What this component keeps in its session's snapshot, for another process to restore it
   * (with a Redis adapter): JSON data. Default: its state, which must then be plain data.
   */
  snapshot?(): unknown;
  /** Takes what `snapshot()` kept, on the process that restores the session, before `mount()`. Default: the state is replaced by it. */
  restore?(saved: unknown): void;
  /** Called once when the component leaves the page or its session ends: clear timers and subscriptions here. */
  unmount?(): void;

  abstract render(): Renderable;
}

/**
 * The string-keyed fields Component itself declares (its slots are symbols): the devtools show
 * an instance's other own fields as what the component keeps beside its state.
 */
export const COMPONENT_FIELDS: ReadonlySet<string> = new Set(["props", "state", "unmounted"]);

/** A function component: props in, tree out. Re-rendered only when its props change. */
export type FunctionComponent<P = Record<string, unknown>> = (props: P) => Renderable;
