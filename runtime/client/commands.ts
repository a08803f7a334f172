import { Command, COMMAND_EVENTS, COMMANDS_ATTRIBUTE, parseCommands, type ClientCommand } from "../../src/protocol/client-commands.js";
import { Directive } from "../../src/protocol/patch-ops.js";
import type { TetherPage } from "../page-api.js";
import type { Watcher } from "./watch.js";

/**
 * Runs client commands (`t-js`, `t-js-<event>`) in the page, and keeps what they did across
 * patches by the sticky rule (README "Client commands"): an attribute a command set stays
 * until a patch changes that attribute; then the server's value wins, unless the user is
 * interacting with the element (focus inside it, or the pointer over it), in which case the
 * command's value is put back.
 */
export class CommandRunner {
  /** Attribute values commands set, per element, until the server's value wins. */
  readonly #sticky = new WeakMap<Element, Map<string, string | null>>();
  readonly #watcher: Watcher;
  readonly #tether: TetherPage;

  constructor(watcher: Watcher, tether: TetherPage) {
    this.#watcher = watcher;
    this.#tether = tether;
    for (const type of COMMAND_EVENTS) document.addEventListener(type, this.#onEvent, true);
  }

  readonly #onEvent = (event: Event): void => {
    const type = event.type;
    const own = `${COMMANDS_ATTRIBUTE}-${type}`;
    const selector = type === "click" ? `[${COMMANDS_ATTRIBUTE}],[${own}]` : `[${own}]`;
    const el = (event.target as Element | null)?.closest?.(selector);
    if (el == null) return;
    const text = el.getAttribute(own) ?? el.getAttribute(COMMANDS_ATTRIBUTE)!;
    const commands = parseCommands(text);
    if (commands instanceof Error) {
      console.error(`[tether] ${commands.message}, on`, el);
      return;
    }
    // `t-key` filters commands as it filters a server handler: only those keys.
    if ((type === "keydown" || type === "keyup") && !keyMatches(el, (event as KeyboardEvent).key)) return;
    if (type === "submit") event.preventDefault();
    this.run(el, commands);
  };

  /** Runs a list of commands for `el` (the element that has them), in order. */
  run(el: Element, commands: readonly ClientCommand[]): void {
    this.#watcher.quiet(() => {
      for (const command of commands) this.#runOne(el, command);
    });
  }

  /** A patch (or a morph) changed `name` on `el`: the server's value wins unless the user is interacting with it. */
  patched(el: Element, name: string): void {
    const sticky = this.#sticky.get(el);
    const value = sticky?.get(name);
    if (value === undefined || el.getAttribute(name) === value) return;
    if (interacting(el)) this.#watcher.quiet(() => restore(el, name, value));
    else sticky!.delete(name);
  }

  #runOne(self: Element, command: ClientCommand): void {
    const [name, target] = command;
    if (name === Command.Push) return this.#tether.sendEvent(command[2], command[3]);
    const els = target === null ? [self] : Array.from(document.querySelectorAll(target));
    for (const el of els as HTMLElement[]) {
      switch (name) {
        case Command.Show: show(el, command[2]); this.#keep(el, "style", "hidden"); break;
        case Command.Hide: el.style.display = "none"; this.#keep(el, "style"); break;
        case Command.Toggle:
          if (isHidden(el)) show(el, command[2]);
          else el.style.display = "none";
          this.#keep(el, "style", "hidden");
          break;
        case Command.AddClass: el.classList.add(...classes(command[2])); this.#keep(el, "class"); break;
        case Command.RemoveClass: el.classList.remove(...classes(command[2])); this.#keep(el, "class"); break;
        case Command.ToggleClass: for (const c of classes(command[2])) el.classList.toggle(c); this.#keep(el, "class"); break;
        case Command.SetAttr: el.setAttribute(command[2], command[3]); this.#keep(el, command[2]); break;
        case Command.RemoveAttr: el.removeAttribute(command[2]); this.#keep(el, command[2]); break;
        case Command.Focus: el.focus(); break;
        case Command.Dispatch: el.dispatchEvent(new CustomEvent(command[2], { bubbles: true, detail: command[3] })); break;
        case Command.Transition: this.#transition(el, classes(command[2]), command[3]); break;
      }
    }
  }

  /** Transient classes: never sticky, removed after `ms` whatever a patch did meanwhile. */
  #transition(el: Element, names: string[], ms: number): void {
    el.classList.add(...names);
    setTimeout(() => this.#watcher.quiet(() => el.classList.remove(...names)), ms);
  }

  #keep(el: Element, ...names: string[]): void {
    let sticky = this.#sticky.get(el);
    if (sticky === undefined) this.#sticky.set(el, (sticky = new Map()));
    for (const name of names) sticky.set(name, el.getAttribute(name));
  }
}

function keyMatches(el: Element, key: string): boolean {
  const keys = el.getAttribute(Directive.Key);
  return keys === null || keys.split(",").some((k) => k.trim() === key);
}

function show(el: HTMLElement, display: string | undefined): void {
  el.removeAttribute("hidden");
  el.style.display = display ?? "";
  // Hidden by a stylesheet: the element's own display is unknown, block is the usual one.
  if (display === undefined && getComputedStyle(el).display === "none") el.style.display = "block";
  if (el.getAttribute("style") === "") el.removeAttribute("style");
}

function isHidden(el: HTMLElement): boolean {
  return getComputedStyle(el).display === "none";
}

function classes(names: string): string[] {
  return names.split(/\s+/).filter((c) => c !== "");
}

function restore(el: Element, name: string, value: string | null): void {
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

/** The user is working in or on the element: focus inside it, or the pointer over it. */
function interacting(el: Element): boolean {
  return el.contains(document.activeElement) || el.matches(":hover");
}
