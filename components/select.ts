import { html, type Renderable, type VNode } from "../src/index.js";
import { Field, wireField } from "./field.js";
import { choiceOf, defineInput, showList, type Choice, type InputProps, type Shown } from "./input.js";

/** Props of a select: its choices, and a first empty choice that reads `placeholder`. */
export interface SelectProps extends InputProps<string> {
  options: readonly Choice[];
}

/** Props of a select multiple: its value is the chosen values. */
export interface MultiSelectProps extends InputProps<readonly string[]> {
  options: readonly Choice[];
  /** Visible rows (default: up to 6). */
  size?: number;
}

function options(choices: readonly Choice[], chosen: readonly string[] | null): Renderable {
  return choices.map((c) => {
    const { value, label, disabled } = choiceOf(c);
    return html`<option key=${value} value=${value} selected=${chosen === null ? undefined : chosen.includes(value)} disabled=${disabled}>${label}</option>`;
  });
}

function control(props: InputProps<any>, multiple: boolean, extra: Record<string, unknown>, children: Renderable): VNode {
  const w = wireField(props);
  return Field(multiple ? "multi-select" : "select", props, w, html`<select class="tether-control" id=${w.id} name=${props.name} multiple=${multiple}
    required=${props.required === true} disabled=${props.disabled === true} aria-invalid=${w.invalid} aria-describedby=${w.describedBy}
    data-field=${props.name} onChange=${props.onChange} onInput=${props.onInput} onBlur=${props.onBlur} ...${extra}>${children}</select>`);
}

/** One choice from a list; its value is the chosen value ("" for the placeholder choice). */
export const Select = defineInput<SelectProps, string>(
  (props) =>
    control(props, false, { value: props.value }, [
      props.placeholder !== undefined ? html`<option key="" value="">${props.placeholder}</option>` : null,
      options(props.options, null),
    ]),
  {
    kind: "select",
    empty: (props) => (props.placeholder !== undefined ? "" : props.options[0] === undefined ? "" : choiceOf(props.options[0]).value),
    parse: (shown) => String(shown),
  },
);

/** Several choices from a list; its value is the array of chosen values. */
export const MultiSelect = defineInput<MultiSelectProps, string[]>(
  (props) => control(props, true, { size: props.size ?? Math.min(props.options.length, 6) }, options(props.options, props.value === undefined ? null : props.value)),
  {
    kind: "multi-select",
    empty: () => [],
    read: (event, shown) => event.values ?? shown,
    fromForm: showList,
    show: showList,
    parse: (shown: Shown) => showList(shown),
  },
);
