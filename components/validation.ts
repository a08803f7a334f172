import type { Input, InputProps, Shown } from "./input.js";

/** What a validator returns: an error message, or nothing (null, undefined, "") when the value is fine. */
export type Message = string | null | undefined | void;

/**
 * A field's validator: the field's typed value and every field's typed value in, a message or
 * nothing out, at once or as a promise (a database lookup). Validators of a field run in order;
 * the first message wins and the rest do not run.
 */
export type Validator<V = any, A = Record<string, unknown>> = (value: V, values: A) => Message | Promise<Message>;

/** Messages by field name. */
export type FieldErrors = Record<string, string>;

/**
 * A form's group validator: every field's typed value in, messages for the fields that fail out
 * (`{ confirm: "The passwords differ." }`), at once or as a promise.
 */
export type GroupValidator<A = Record<string, unknown>> = (values: A) => FieldErrors | null | undefined | void | Promise<FieldErrors | null | undefined | void>;

/** One field of a form: its input component, the props it is rendered with, its validators. */
export interface FormField<N extends string = string, V = unknown> {
  readonly name: N;
  readonly input: Input<any, V>;
  readonly props: InputProps<any> & { name: N };
  readonly validators: readonly Validator<V>[];
}

/** The typed values a form's fields hand over: `{ age: number | null, tags: string[] }`. */
export type FormValues<F extends readonly FormField<string, any>[]> = { [K in F[number] as K["name"]]: K extends FormField<string, infer V> ? V : never };

/**
 * One field of a form: `field(TextInput, { name: "username", label: "Username", required: true,
 * validate: [tooShort, taken] })`. The props are the input component's own, plus `validate`.
 */
export function field<const N extends string, P extends InputProps<any>, V>(
  input: Input<P, V>,
  props: P & { name: N; validate?: Validator<V> | readonly Validator<V>[] },
): FormField<N, V> {
  const { validate, ...rest } = props;
  const validators = validate === undefined ? [] : typeof validate === "function" ? [validate as Validator<V>] : (validate as readonly Validator<V>[]);
  return { name: props.name, input, props: rest as unknown as P & { name: N }, validators };
}

/** The message shown for a required field left empty (default "This field is required."). */
export interface CheckOptions {
  requiredMessage?: string;
}

/** How a validator is called (a Form calls it with its parent component as `this`). */
export type RunValidator = (validator: Validator, value: unknown, values: Record<string, unknown>) => ReturnType<Validator> | undefined;

const callDirectly: RunValidator = (validator, value, values) => validator(value, values);

/**
 * A field's message for what it shows: required and empty, its input's own check, then its
 * validators in order. A string or undefined when every check answered at once; a promise
 * once a validator answers with one.
 */
export function checkField(f: FormField<string, any>, shown: Shown, values: Record<string, unknown>, options: CheckOptions = {}, run: RunValidator = callDirectly): string | undefined | Promise<string | undefined> {
  const { input, props } = f;
  if (input.isEmpty(shown)) return props.required === true ? (options.requiredMessage ?? "This field is required.") : undefined;
  const own = input.check(shown, props);
  if (own !== undefined) return own;
  return runValidators(f.validators, input.parse(shown, props), values, 0, run);
}

function runValidators(validators: readonly Validator[], value: unknown, values: Record<string, unknown>, from: number, run: RunValidator): string | undefined | Promise<string | undefined> {
  for (let i = from; i < validators.length; i++) {
    const result = run(validators[i], value, values);
    if (isPromise(result)) return result.then((message) => (message ? message : runValidators(validators, value, values, i + 1, run)));
    if (result) return result;
  }
  return undefined;
}

/** Only the messages of a group validator's answer (a string per named field). */
export function groupMessages(result: FieldErrors | null | undefined | void): FieldErrors {
  const out: FieldErrors = {};
  if (result == null) return out;
  for (const name of Object.keys(result)) if (typeof result[name] === "string" && result[name] !== "") out[name] = result[name];
  return out;
}

export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === "function";
}
