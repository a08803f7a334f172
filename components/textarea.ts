import { html, type VNode } from "../src/index.js";
import { Field, wireField } from "./field.js";
import { defineInput, type InputProps } from "./input.js";

/** Props of a textarea. */
export interface TextareaProps extends InputProps<string> {
  /** Visible lines (default 4). */
  rows?: number;
  maxLength?: number;
}

function render(props: TextareaProps): VNode {
  const w = wireField(props);
  return Field("textarea", props, w, html`<textarea class="tether-control" id=${w.id} name=${props.name} value=${props.value} rows=${props.rows ?? 4}
    placeholder=${props.placeholder} maxlength=${props.maxLength} required=${props.required === true} disabled=${props.disabled === true} readonly=${props.readonly === true}
    aria-invalid=${w.invalid} aria-describedby=${w.describedBy} aria-busy=${props.checking === true ? "true" : undefined}
    data-field=${props.name} t-debounce=${props.debounce} onInput=${props.onInput} onChange=${props.onChange} onBlur=${props.onBlur}></textarea>`);
}

/** Text on several lines; its value is a string. */
export const Textarea = defineInput<TextareaProps, string>(render, {
  kind: "textarea",
  typed: true,
  parse: (shown) => String(shown),
  check: (shown, props) => (props.maxLength !== undefined && String(shown).length > props.maxLength ? `Use at most ${props.maxLength} characters.` : undefined),
});
