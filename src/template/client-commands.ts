import { Command, type ClientCommand } from "../protocol/client-commands.js";

/** Options of `show` and `toggle`. */
export interface ShowOptions {
  /** The `display` to show the element with; by default its own, or `block` when CSS hides it. */
  display?: string;
}

/**
 * A list of client commands, run in the page on an event with no round trip. Put it in a
 * template as `t-js=${JS.toggle("#menu")}` (a click) or `t-js-<event>` (`t-js-keydown`);
 * each method adds a command and returns the list, so commands chain:
 * `JS.show("#modal").addClass("body", "modal-open").focus("#modal input")`. A target is a CSS
 * selector (every match in the document); without one, the element that has the attribute.
 * Rendered, the list is its JSON (`toString`), so an unchanged list costs no patch.
 */
export class ClientCommands {
  readonly commands: readonly ClientCommand[];

  constructor(commands: readonly ClientCommand[] = []) {
    this.commands = commands;
  }

  show(target?: string, options: ShowOptions = {}): ClientCommands {
    return this.#add(options.display === undefined ? [Command.Show, of(target)] : [Command.Show, of(target), options.display]);
  }

  hide(target?: string): ClientCommands {
    return this.#add([Command.Hide, of(target)]);
  }

  /** Shows the target if it is hidden, else hides it. */
  toggle(target?: string, options: ShowOptions = {}): ClientCommands {
    return this.#add(options.display === undefined ? [Command.Toggle, of(target)] : [Command.Toggle, of(target), options.display]);
  }

  /** `names`: one class or several, space-separated. */
  addClass(target: string | undefined, names: string): ClientCommands {
    return this.#add([Command.AddClass, of(target), names]);
  }

  removeClass(target: string | undefined, names: string): ClientCommands {
    return this.#add([Command.RemoveClass, of(target), names]);
  }

  toggleClass(target: string | undefined, names: string): ClientCommands {
    return this.#add([Command.ToggleClass, of(target), names]);
  }

  setAttribute(target: string | undefined, name: string, value: string): ClientCommands {
    return this.#add([Command.SetAttr, of(target), name, value]);
  }

  removeAttribute(target: string | undefined, name: string): ClientCommands {
    return this.#add([Command.RemoveAttr, of(target), name]);
  }

  focus(target?: string): ClientCommands {
    return this.#add([Command.Focus, of(target)]);
  }

  /** Dispatches a bubbling `CustomEvent` named `event` on the target, with `detail` (JSON). */
  dispatch(target: string | undefined, event: string, detail?: unknown): ClientCommands {
    return this.#add(detail === undefined ? [Command.Dispatch, of(target), event] : [Command.Dispatch, of(target), event, detail]);
  }

  /** Adds the classes for `ms` milliseconds, then removes them (a CSS animation or transition). */
  transition(target: string | undefined, names: string, ms: number): ClientCommands {
    return this.#add([Command.Transition, of(target), names, ms]);
  }

  /** Sends `event` to the server too (`tether.sendEvent`): handled by `this.session.on(event, …)`. */
  push(event: string, detail?: unknown): ClientCommands {
    return this.#add(detail === undefined ? [Command.Push, null, event] : [Command.Push, null, event, detail]);
  }

  /** The attribute's text. */
  toString(): string {
    return JSON.stringify(this.commands);
  }

  toJSON(): readonly ClientCommand[] {
    return this.commands;
  }

  #add(command: ClientCommand): ClientCommands {
    return new ClientCommands([...this.commands, command]);
  }
}

function of(target: string | undefined): string | null {
  return target === undefined ? null : target;
}

/** The start of every command list: `JS.toggle("#menu")`, `JS.push("opened")`. */
export const JS: ClientCommands = new ClientCommands();
