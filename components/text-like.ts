import { html, type Renderable, type VNode } from "../src/index.js";
import { Field, wireField } from "./field.js";
import { defineInput, type Input, type InputProps, type Shown } from "./input.js";

/** Props of the one-line text inputs (text, password, email, url, date and time). */
export interface TextInputProps extends InputProps<string> {
  minLength?: number;
  maxLength?: number;
  /** A regular expression the whole text must match (checked by a form, not by the browser). */
  pattern?: string;
  /** The message when `pattern` does not match (default: "Use the format asked for."). */
  patternMessage?: string;
  /** The virtual keyboard a phone shows: "numeric", "email", "tel", … */
  inputmode?: string;
}

/**
 * One `<input>` for a text-like type, wired for its field. Shared by every input that shows
 * text in one line; the number field and the slider use it with their own attributes.
 */
export function TextControl(type: string, props: InputProps<any>, value: Shown | undefined, extra: Record<string, unknown> = {}): Renderable {
  const w = wireField(props);
  return html`<input class="tether-control" type=${type} id=${w.id} name=${props.name} value=${value} placeholder=${props.placeholder}
    required=${props.required === true} disabled=${props.disabled === true} readonly=${props.readonly === true}
    autocomplete=${props.autocomplete} autofocus=${props.autofocus === true}
    aria-invalid=${w.invalid} aria-describedby=${w.describedBy} aria-busy=${props.checking === true ? "true" : undefined}
    data-field=${props.name} t-debounce=${props.debounce} onInput=${props.onInput} onChange=${props.onChange} onBlur=${props.onBlur} ...${extra} />`;
}

/** A text-like input of `type`, with an optional check of its own (an email's form, a URL's). */
export function textLike(kind: string, type: string, check?: (text: string) => string | undefined): Input<TextInputProps, string> {
  function render(props: TextInputProps): VNode {
    const extra: Record<string, unknown> = {};
    if (props.minLength !== undefined) extra.minlength = props.minLength;
    if (props.maxLength !== undefined) extra.maxlength = props.maxLength;
    if (props.inputmode !== undefined) extra.inputmode = props.inputmode;
    return Field(kind, props, wireField(props), TextControl(type, props, props.value, extra));
  }
  return defineInput<TextInputProps, string>(render, {
    kind,
    typed: true,
    parse: (shown) => String(shown),
    check(shown, props) {
      const text = String(shown);
      if (text === "") return undefined;
      if (props.minLength !== undefined && text.length < props.minLength) return `Use at least ${props.minLength} characters.`;
      if (props.maxLength !== undefined && text.length > props.maxLength) return `Use at most ${props.maxLength} characters.`;
      if (props.pattern !== undefined && !new RegExp(`^(?:${props.pattern})$`, "u").test(text)) return props.patternMessage ?? "Use the format asked for.";
      return check?.(text);
    },
  });
}
