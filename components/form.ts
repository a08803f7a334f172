import { Component, h, html, type LiveEvent, type Renderable } from "../src/index.js";
import { ActionButtons, type ActionButton } from "./action-buttons.js";
import type { Shown } from "./input.js";
import { checkField, groupMessages, isPromise, type RunValidator, type FieldErrors, type FormField, type FormValues, type GroupValidator } from "./validation.js";

/** What a submit handler may answer: nothing (it worked) or messages for fields the server refused. */
export type SubmitResult = FieldErrors | null | undefined | void;

/** Props of a Form. `F` is its fields, which type the values its handlers get. */
export interface FormProps<F extends readonly FormField<string, any>[] = readonly FormField<string, any>[]> {
  fields: F;
  /**
   * Called with the typed values once every check passed, and the submit button's value
   * (`action`, the label unless given). The submit button is disabled until it settles. It may
   * answer messages for fields (a name taken since it was checked): the form shows them.
   * An arrow function or a bound method: the form calls it as a plain function.
   */
  onSubmit: (values: FormValues<F>, action: string) => SubmitResult | Promise<SubmitResult>;
  /** The group validator: runs after a field's own checks and on submit; may fail named fields. */
  validate?: GroupValidator<FormValues<F>>;
  /** Shows a Cancel button that calls this. */
  onCancel?: () => unknown;
  /** Called for your own `button` actions, with the button's value and the values as they are. */
  onAction?: (action: string, values: FormValues<F>) => unknown;
  /** Values to start from (also what Reset goes back to), as typed values: `{ age: 30 }`. */
  initial?: Partial<Record<F[number]["name"], unknown>>;
  /** The submit button's label (default "Submit"). */
  submitLabel?: string;
  cancelLabel?: string;
  /** Shows a Reset button (with this label, or "Reset" for `true`). */
  reset?: boolean | string;
  /** The buttons, in place of Submit, Reset and Cancel. */
  buttons?: readonly ActionButton[];
  /** Empties the fields after a submit that worked (a todo's title, a chat's message). */
  resetAfterSubmit?: boolean;
  /** Milliseconds after the last keystroke before a typed field is checked (default 300). */
  debounce?: number;
  /** The message of a required field left empty. */
  requiredMessage?: string;
  /** The error summary's heading (default "Please correct the fields below:"). */
  summaryTitle?: string;
  /** The form's id; the fields' ids are `<id>-<name>` (default: the names). */
  id?: string;
  class?: string;
  children?: Renderable;
}

interface FormState {
  /** What each control shows (Shown), by field name. */
  shown: Record<string, Shown>;
  /** Each field's own message (required, its input's check, its validators). */
  errors: FieldErrors;
  /** The group validator's messages. */
  groupErrors: FieldErrors;
  /** Fields the user has typed in or left: only theirs are shown. */
  touched: Record<string, boolean>;
  /** Fields whose async validator is running. */
  checking: Record<string, boolean>;
  /** A submit is waiting for onSubmit. */
  pending: boolean;
  /** The last submit was refused: the summary shows. */
  refused: boolean;
}

/**
 * A form that owns its fields' values: it renders each field (an input component), checks
 * each as the user types (debounced) and leaves it, checks every field and the group on
 * submit, shows each field's message and a summary, and hands `onSubmit` the typed values.
 *
 *   html`<${Form} fields=${[field(EmailInput, { name: "email", label: "Email", required: true })]}
 *     onSubmit=${this.save} submitLabel="Subscribe" />`
 *
 * What the user types is never rewound: a field's value comes back from the page, and the
 * form renders it as it came (controlled inputs in src/diff/controlled.ts send nothing for it).
 */
export class Form<F extends readonly FormField<string, any>[] = readonly FormField<string, any>[]> extends Component<FormProps<F>, FormState> {
  /** Per field, the number of its latest check: an async answer of an older one is dropped. */
  #runs: Record<string, number> = {};
  #groupRun = 0;

  constructor(props: FormProps<F>) {
    super(props);
    this.state = { shown: this.initialShown(), errors: {}, groupErrors: {}, touched: {}, checking: {}, pending: false, refused: false };
  }

  /** The typed values of what the fields show now. */
  get values(): FormValues<F> {
    return this.parse(this.state.shown);
  }

  /** An input or change event of a field: what it shows now, checked. */
  edit(event: LiveEvent): void {
    const f = this.fieldNamed(event.data.field);
    if (f === undefined) return;
    const shown = { ...this.state.shown, [f.name]: f.input.read(event, this.shownOf(f, this.state.shown)) };
    this.setState({ shown, touched: { ...this.state.touched, [f.name]: true } });
    this.check(f, shown);
  }

  /** The user left a field: its message shows from now on (a blur carries the text of a typed field). */
  leave(event: LiveEvent): void {
    const f = this.fieldNamed(event.data.field);
    if (f === undefined) return;
    let shown = this.state.shown;
    if (f.input.typed) shown = { ...shown, [f.name]: f.input.read(event, this.shownOf(f, shown)) };
    if (this.state.touched[f.name] === true && shown === this.state.shown) return;
    this.setState({ shown, touched: { ...this.state.touched, [f.name]: true } });
    this.check(f, shown);
  }

  async submit(event: LiveEvent): Promise<void> {
    if (this.state.pending) return;
    const form = event.form ?? {};
    const shown: Record<string, Shown> = { ...this.state.shown };
    const touched: Record<string, boolean> = {};
    for (const f of this.props.fields) {
      // A disabled control sends nothing: it keeps what the form holds.
      if (f.props.disabled !== true) shown[f.name] = f.input.fromForm(form[f.name]);
      touched[f.name] = true;
      this.#runs[f.name] = (this.#runs[f.name] ?? 0) + 1; // answers of checks before the submit are stale
    }
    this.#groupRun++;
    this.setState({ shown, touched, pending: true });
    const values = this.parse(shown);
    const errors: FieldErrors = {};
    await Promise.all(this.props.fields.map(async (f) => {
      const message = await checkField(f, this.shownOf(f, shown), values, this.props, this.runValidator);
      if (message) errors[f.name] = message;
    }));
    const groupErrors = this.props.validate === undefined ? {} : groupMessages(await this.callProp(this.props.validate, values));
    if (Object.keys(errors).length > 0 || Object.keys(groupErrors).length > 0) {
      this.setState({ errors, groupErrors, checking: {}, pending: false, refused: true });
      return;
    }
    this.setState({ errors, groupErrors, checking: {} });
    let refusals: FieldErrors;
    try {
      refusals = groupMessages(await this.callProp(this.props.onSubmit, values, typeof form.action === "string" ? form.action : (this.props.submitLabel ?? "Submit")));
    } finally {
      this.setState({ pending: false });
    }
    if (Object.keys(refusals).length > 0) this.setState({ errors: refusals, refused: true });
    else if (this.props.resetAfterSubmit === true) this.clear();
    else this.setState({ refused: false });
  }

  /** A Reset, Cancel or custom button. */
  act(event: LiveEvent): void {
    const type = event.data.type;
    const value = String(event.data.value ?? "");
    if (type === "reset") this.clear();
    else if (type === "cancel") this.callProp(this.props.onCancel);
    else this.callProp(this.props.onAction, value, this.values);
  }

  /** Back to the initial values, with no messages. */
  clear(): void {
    for (const name in this.#runs) this.#runs[name]++;
    this.#groupRun++;
    this.setState({ shown: this.initialShown(), errors: {}, groupErrors: {}, touched: {}, checking: {}, refused: false });
  }

  /** A field's validator is a callback of the form's parent too: called with it as `this`. */
  private readonly runValidator: RunValidator = (validator, value, values) => this.callProp(validator, value, values);

  /** Runs a field's checks for what it shows, then the group's; an async answer renders when it comes. */
  private check(f: FormField<string, any>, shown: Record<string, Shown>): void {
    const run = (this.#runs[f.name] = (this.#runs[f.name] ?? 0) + 1);
    const result = checkField(f, this.shownOf(f, shown), this.parse(shown), this.props, this.runValidator);
    if (!isPromise(result)) {
      this.setFieldMessage(f.name, result, shown);
      return;
    }
    this.setState({ checking: { ...this.state.checking, [f.name]: true } });
    result.then(
      (message) => {
        if (this.#runs[f.name] === run) this.setFieldMessage(f.name, message, this.state.shown);
      },
      (error: unknown) => {
        if (this.#runs[f.name] !== run) return;
        this.setFieldMessage(f.name, "This could not be checked; try again.", this.state.shown);
        console.error(`Tether form: the validator of "${f.name}" failed`, error);
      },
    );
  }

  private setFieldMessage(name: string, message: string | undefined, shown: Record<string, Shown>): void {
    const errors = { ...this.state.errors };
    if (message) errors[name] = message;
    else delete errors[name];
    const checking = { ...this.state.checking };
    delete checking[name];
    this.setState({ errors, checking });
    this.checkGroup(shown);
  }

  private checkGroup(shown: Record<string, Shown>): void {
    const validate = this.props.validate;
    if (validate === undefined) return;
    const run = ++this.#groupRun;
    const result = this.callProp(validate, this.parse(shown));
    if (!isPromise(result)) this.setState({ groupErrors: groupMessages(result) });
    else void result.then((answer) => {
      if (this.#groupRun === run) this.setState({ groupErrors: groupMessages(answer) });
    }, (error: unknown) => console.error("Tether form: the group validator failed", error));
  }

  private fieldNamed(name: unknown): FormField<string, any> | undefined {
    return this.props.fields.find((f) => f.name === name);
  }

  private shownOf(f: FormField<string, any>, shown: Record<string, Shown>): Shown {
    return shown[f.name] ?? this.initialOf(f);
  }

  private initialOf(f: FormField<string, any>): Shown {
    const initial = (this.props.initial as Record<string, unknown> | undefined)?.[f.name] ?? f.props.value;
    return initial === undefined ? f.input.empty(f.props) : f.input.show(initial, f.props);
  }

  private initialShown(): Record<string, Shown> {
    const shown: Record<string, Shown> = {};
    for (const f of this.props.fields) shown[f.name] = this.initialOf(f);
    return shown;
  }

  private parse(shown: Record<string, Shown>): FormValues<F> {
    const values: Record<string, unknown> = {};
    for (const f of this.props.fields) values[f.name] = f.input.parse(this.shownOf(f, shown), f.props);
    return values as FormValues<F>;
  }

  /** The message a field shows: its own, else the group's; none until it is touched. */
  private messageOf(name: string): string | undefined {
    if (this.state.touched[name] !== true) return undefined;
    return this.state.errors[name] ?? this.state.groupErrors[name];
  }

  private idOf(name: string): string {
    return this.props.id === undefined ? name : `${this.props.id}-${name}`;
  }

  private buttons(): readonly ActionButton[] {
    if (this.props.buttons !== undefined) return this.props.buttons;
    const buttons: ActionButton[] = [{ label: this.props.submitLabel ?? "Submit", type: "submit" }];
    const reset = this.props.reset;
    if (reset) buttons.push({ label: reset === true ? "Reset" : reset, type: "reset" });
    if (this.props.onCancel !== undefined) buttons.push({ label: this.props.cancelLabel ?? "Cancel", type: "cancel" });
    return buttons;
  }

  private summary(): Renderable {
    if (!this.state.refused) return null;
    const failing = this.props.fields.filter((f) => this.messageOf(f.name) !== undefined);
    if (failing.length === 0) return null;
    return html`<div class="tether-summary" role="alert">
      <p>${this.props.summaryTitle ?? "Please correct the fields below:"}</p>
      <ul>${failing.map((f) => html`<li key=${f.name}><a href=${`#${this.idOf(f.name)}`}>${f.props.label ?? f.name}: ${this.messageOf(f.name)}</a></li>`)}</ul>
    </div>`;
  }

  render(): Renderable {
    const { state, props } = this;
    const debounce = props.debounce ?? 300;
    return html`<form class=${["tether-form", props.class]} id=${props.id} novalidate onSubmit=${this.submit} aria-busy=${state.pending ? "true" : undefined}>
      ${this.summary()}
      ${props.fields.map((f) => {
        const shown = this.shownOf(f, state.shown);
        const error = this.messageOf(f.name);
        const checking = state.checking[f.name] === true;
        const valid = state.touched[f.name] === true && error === undefined && !checking && !f.input.isEmpty(shown);
        return h(f.input, {
          ...f.props, key: f.name, id: this.idOf(f.name), value: shown, error, valid, checking,
          debounce: f.input.typed ? debounce : undefined,
          onInput: f.input.typed ? this.edit : undefined, onChange: f.input.typed ? undefined : this.edit, onBlur: this.leave,
        });
      })}
      ${props.children}
      ${h(ActionButtons, { buttons: this.buttons(), pending: state.pending, onAction: this.act })}
    </form>`;
  }
}
