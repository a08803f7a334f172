import { h, type EventHandler, type LiveEvent, type VNode } from "../src/index.js";
import type { Input, InputProps, Shown } from "./input.js";

/** Called with a pin's new typed value, and its name. */
export type PinWatcher = (value: any, name: string) => unknown;

interface Pin {
  readonly input: Input<any, unknown>;
  readonly props: InputProps<any>;
  shown: Shown;
  watchers: Set<PinWatcher> | null;
}

/**
 * Named inputs whose current value the server can read at any time and watch, PyWebIO's `pin`:
 * unlike a form's fields, nothing is submitted. Each pin is an input component (TextInput,
 * Select, Slider, …) whose events record what the page shows; `value(name)` is its typed value.
 *
 * The component that renders the pins passes its own handler to `render` and hands the
 * events to `edited` (event handlers run bound to the component that rendered them):
 *
 *   pins = new Pins(() => this.setState({}));
 *   pinEdited(event: LiveEvent) { this.pins.edited(event); }
 *   render() { return this.pins.render("volume", this.pinEdited); }
 */
export class Pins {
  readonly #pins = new Map<string, Pin>();
  readonly #changed: () => void;

  /** `changed` is called after the server set a value (re-render the owner there). */
  constructor(changed: () => void) {
    this.#changed = changed;
  }

  /** Declares a pin: an input component and its props (`name` is the pin's name; `value` its first value). */
  define<P extends InputProps<any>>(input: Input<P, unknown>, props: P): void {
    if (this.#pins.has(props.name)) throw new Error(`Tether: a pin named ${JSON.stringify(props.name)} exists already`);
    const shown = props.value === undefined ? input.empty(props) : input.show(props.value, props);
    this.#pins.set(props.name, { input: input as Input<any, unknown>, props, shown, watchers: null });
  }

  /** Whether a pin of this name exists. */
  has(name: string): boolean {
    return this.#pins.has(name);
  }

  /** A pin's typed value now (a number field's number, a checkbox group's array, …). */
  value<V = unknown>(name: string): V {
    const pin = this.#pin(name);
    return pin.input.parse(pin.shown, pin.props) as V;
  }

  /** Sets a pin's value from the server: the page shows it, and its watchers are called. */
  set(name: string, value: unknown): void {
    const pin = this.#pin(name);
    this.#update(name, pin, pin.input.show(value, pin.props));
    this.#changed();
  }

  /** Calls `watcher` with the pin's value each time it changes; returns a function that stops it. */
  watch(name: string, watcher: PinWatcher): () => void {
    const pin = this.#pin(name);
    (pin.watchers ??= new Set()).add(watcher);
    return () => void pin.watchers?.delete(watcher);
  }

  /** An input or change event of a pin (its `event.data.field` names it): records what the page shows. */
  edited(event: LiveEvent): void {
    const name = event.data.field;
    const pin = typeof name === "string" ? this.#pins.get(name) : undefined;
    if (pin === undefined) return;
    this.#update(name as string, pin, pin.input.read(event, pin.shown));
  }

  /** Renders a pin with what it shows now; `handler` is the owner's, which calls `edited`. */
  render(name: string, handler: EventHandler): VNode {
    const pin = this.#pin(name);
    return h(pin.input, { ...pin.props, value: pin.shown, onInput: pin.input.typed ? handler : undefined, onChange: pin.input.typed ? undefined : handler }) as VNode;
  }

  /** Drops every watcher (the owner's `unmount()`). */
  stop(): void {
    for (const pin of this.#pins.values()) pin.watchers = null;
  }

  #pin(name: string): Pin {
    const pin = this.#pins.get(name);
    if (pin === undefined) throw new Error(`Tether: no pin named ${JSON.stringify(name)}`);
    return pin;
  }

  #update(name: string, pin: Pin, shown: Shown): void {
    const before = pin.input.parse(pin.shown, pin.props);
    pin.shown = shown;
    const after = pin.input.parse(shown, pin.props);
    if (pin.watchers === null || sameValue(before, after)) return;
    for (const watcher of [...pin.watchers]) watcher(after, name);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  return Object.is(a, b);
}
