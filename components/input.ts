import type { EventHandler, LiveEvent, VNode } from "../src/index.js";

/**
 * What a control shows on the page, as the browser reports it: text (a text field, a number
 * field as typed, a select, a radio group), the chosen values (a checkbox group, a select
 * multiple) or on/off (a switch). A form keeps this, not the typed value, so that "1." stays
 * "1." while the user types a number.
 */
export type Shown = string | string[] | boolean;

/** One choice of a select, a checkbox group or a radio group: a string is both value and label. */
export type Choice = string | { value: string; label: string; disabled?: boolean };

/** The props every input takes. `T` is what `value` may be given as. */
export interface InputProps<T = string> {
  /** The field's name: in a submitted form's fields and in `event.data.field`. */
  name: string;
  /** The visible label, tied to the control with `<label for>`. */
  label?: string;
  /** What the control shows (the initial value of a form's field). Undefined: the page owns it. */
  value?: T;
  placeholder?: string;
  /** A hint under the control, named by its `aria-describedby`. */
  help?: string;
  /** Marks the field required (a form reports an empty one); the browser's own check is off. */
  required?: boolean;
  disabled?: boolean;
  readonly?: boolean;
  /** An error message: the control gets `aria-invalid="true"` and the message is what its `aria-describedby` names. */
  error?: string | null;
  /** Shows the field as valid (a form sets it once a touched field passes its checks). */
  valid?: boolean;
  /** A check is running for this field (an async validator): the field gets `aria-busy`. */
  checking?: boolean;
  /** The control's id (default: the name); the help and error elements are `<id>-help` and `<id>-error`. */
  id?: string;
  /** More class names on the field's wrapper, to restyle one field. */
  class?: string;
  /** Milliseconds to wait after the last keystroke before `onInput` is sent (`t-debounce`). */
  debounce?: number;
  autocomplete?: string;
  autofocus?: boolean;
  onInput?: EventHandler;
  onChange?: EventHandler;
  onBlur?: EventHandler;
}

/**
 * An input component: a function component (`<${TextInput} name="q" label="Search" />`) that
 * also says how a form reads it. `P` is its props, `V` the typed value a form's handler gets.
 */
export interface Input<P extends InputProps<any> = InputProps<any>, V = unknown> {
  /** Renders the field: one element, so it is a JSX component too. */
  (props: P): VNode;
  /** A short name for messages and class names: "text", "number", "checkbox-group", … */
  readonly kind: string;
  /** Text typed key by key: a form debounces its events and validates as the user types. */
  readonly typed: boolean;
  /** What the control shows when it is given no value. */
  empty(props: P): Shown;
  /** What the control shows after an event on it (input, change), given what it showed. */
  read(event: LiveEvent, shown: Shown): Shown;
  /** What a submitted form's field (undefined when the form sent none) says it shows. */
  fromForm(field: string | string[] | undefined): Shown;
  /** A value given to the component or form, as the control shows it (a number as its text). */
  show(value: unknown, props: P): Shown;
  /** The typed value of what it shows: a number or null, a boolean, an array of values. */
  parse(shown: Shown, props: P): V;
  /** True when nothing is entered (what `required` refuses). */
  isEmpty(shown: Shown): boolean;
  /** The control's own check (not a number, not an email address, out of range): a message or undefined. */
  check(shown: Shown, props: P): string | undefined;
}

/** The parts of an Input besides its render, with defaults for a text control. */
export type InputBehaviour<P extends InputProps<any>, V> = Partial<Omit<Input<P, V>, "kind" | "typed">> & { kind: string; typed?: boolean; parse: Input<P, V>["parse"] };

/** Makes an Input from its render and how a form reads it; anything left out reads text. */
export function defineInput<P extends InputProps<any>, V>(render: (props: P) => VNode, behaviour: InputBehaviour<P, V>): Input<P, V> {
  const input = render as Input<P, V>;
  Object.assign(input, {
    typed: false,
    empty: () => "",
    read: readText,
    fromForm: (field: string | string[] | undefined) => (typeof field === "string" ? field : (field?.[0] ?? "")),
    show: (value: unknown) => (value == null ? "" : String(value)),
    isEmpty: (shown: Shown) => (typeof shown === "string" ? shown.trim() === "" : Array.isArray(shown) ? shown.length === 0 : !shown),
    check: () => undefined,
    ...behaviour,
  });
  return input;
}

/** A text control's event: its value (or what it showed, for an event that carries none). */
export function readText(event: LiveEvent, shown: Shown): Shown {
  return event.value ?? shown;
}

/** A choice as value and label. */
export function choiceOf(choice: Choice): { value: string; label: string; disabled: boolean } {
  return typeof choice === "string" ? { value: choice, label: choice, disabled: false } : { value: choice.value, label: choice.label, disabled: choice.disabled === true };
}

/** What shows as a list of values (a checkbox group's, a select multiple's). */
export function showList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value == null || value === "" ? [] : [String(value)];
}
