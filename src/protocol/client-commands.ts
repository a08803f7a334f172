/**
 * Client commands: what a template attaches to an element's event (`t-js`, `t-js-<event>`) for
 * the page to run at once, with no round trip. The attribute holds a JSON array of commands,
 * each a tuple `[name, target, ...arguments]`; `target` is a CSS selector or null (the element
 * itself). The server writes it (`JS` in template/client-commands.ts), the page script that runs
 * it (runtime/client/commands.ts) reads it through `parseCommands`, defined once here.
 */

/** Command names, the first item of each tuple. */
export const Command = {
  /** `[show, target, display?]`: visible, with `display` or the element's own (block if CSS hides it). */
  Show: "show",
  /** `[hide, target]`: `display: none`. */
  Hide: "hide",
  /** `[toggle, target, display?]`: show if hidden, else hide. */
  Toggle: "toggle",
  /** `[add_class, target, names]`: names space-separated. */
  AddClass: "add_class",
  /** `[remove_class, target, names]`. */
  RemoveClass: "remove_class",
  /** `[toggle_class, target, names]`. */
  ToggleClass: "toggle_class",
  /** `[set_attr, target, name, value]`. */
  SetAttr: "set_attr",
  /** `[remove_attr, target, name]`. */
  RemoveAttr: "remove_attr",
  /** `[focus, target]`. */
  Focus: "focus",
  /** `[dispatch, target, event, detail?]`: a bubbling CustomEvent. */
  Dispatch: "dispatch",
  /** `[transition, target, names, ms]`: the classes are added, then removed after `ms`. */
  Transition: "transition",
  /** `[push, null, event, detail?]`: `tether.sendEvent(event, detail)`, for the server's `session.on`. */
  Push: "push",
} as const;

export type CommandName = (typeof Command)[keyof typeof Command];

/** One command as the attribute holds it. */
export type ClientCommand =
  | [name: typeof Command.Show | typeof Command.Toggle, target: string | null, display?: string]
  | [name: typeof Command.Hide | typeof Command.Focus, target: string | null]
  | [name: typeof Command.AddClass | typeof Command.RemoveClass | typeof Command.ToggleClass, target: string | null, names: string]
  | [name: typeof Command.SetAttr, target: string | null, attr: string, value: string]
  | [name: typeof Command.RemoveAttr, target: string | null, attr: string]
  | [name: typeof Command.Dispatch, target: string | null, event: string, detail?: unknown]
  | [name: typeof Command.Transition, target: string | null, names: string, ms: number]
  | [name: typeof Command.Push, target: null, event: string, detail?: unknown];

/** The attribute that runs commands on a click; `t-js-<type>` runs them on another event. */
export const COMMANDS_ATTRIBUTE = "t-js";

/** The events `t-js-<type>` may name (the page script listens to these only). */
export const COMMAND_EVENTS = ["click", "dblclick", "submit", "change", "input", "keydown", "keyup", "focusin", "focusout"] as const;

/** What each command takes after its target: the types of its required and optional arguments. */
const SHAPES: Record<CommandName, { required: readonly string[]; optional?: string }> = {
  show: { required: [], optional: "string" },
  hide: { required: [] },
  toggle: { required: [], optional: "string" },
  add_class: { required: ["string"] },
  remove_class: { required: ["string"] },
  toggle_class: { required: ["string"] },
  set_attr: { required: ["string", "string"] },
  remove_attr: { required: ["string"] },
  focus: { required: [] },
  dispatch: { required: ["string"], optional: "any" },
  transition: { required: ["string", "number"] },
  push: { required: ["string"], optional: "any" },
};

/**
 * Reads an attribute's commands, or says what is wrong with them: a clear message rather than
 * a command half run (the rule of invariant 3, "One protocol module" in ARCHITECTURE.md, for
 * what crosses a boundary, applied in the page).
 */
export function parseCommands(text: string): ClientCommand[] | Error {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return new Error(`client commands must be a JSON array, got ${JSON.stringify(text.slice(0, 40))}`);
  }
  if (!Array.isArray(value)) return new Error("client commands must be a JSON array of commands");
  for (let i = 0; i < value.length; i++) {
    const problem = commandProblem(value[i]);
    if (problem !== null) return new Error(`client command ${i}: ${problem}`);
  }
  return value as ClientCommand[];
}

function commandProblem(command: unknown): string | null {
  if (!Array.isArray(command) || typeof command[0] !== "string") return "not a [name, target, ...arguments] array";
  const shape = Object.hasOwn(SHAPES, command[0]) ? SHAPES[command[0] as CommandName] : undefined;
  if (shape === undefined) return `unknown command "${command[0]}"`;
  if (command[1] !== null && typeof command[1] !== "string") return `${command[0]}: the target must be a CSS selector or null`;
  if (command[0] === Command.Push && command[1] !== null) return "push: the target must be null";
  const args = command.length - 2;
  const max = shape.required.length + (shape.optional === undefined ? 0 : 1);
  if (args < shape.required.length || args > max) return `${command[0]}: takes ${shape.required.length}${max > shape.required.length ? ` or ${max}` : ""} argument(s), got ${args}`;
  for (let i = 0; i < args; i++) {
    const type = i < shape.required.length ? shape.required[i] : shape.optional;
    if (type !== "any" && typeof command[i + 2] !== type) return `${command[0]}: argument ${i + 1} must be a ${type}`;
  }
  return null;
}
