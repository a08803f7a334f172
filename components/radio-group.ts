import { html, type VNode } from "../src/index.js";
import { FieldSet, wireField } from "./field.js";
import { choiceOf, defineInput, type Choice, type InputProps } from "./input.js";

/** Props of a radio group: its choices; its value is the chosen one ("" while none is). */
export interface RadioGroupProps extends InputProps<string> {
  options: readonly Choice[];
  /** Lays the buttons out in a row rather than one per line. */
  inline?: boolean;
}

function render(props: RadioGroupProps): VNode {
  const w = wireField(props);
  return FieldSet("radio-group", { ...props, class: [props.class, props.inline === true && "tether-inline"].filter(Boolean).join(" ") }, w,
    props.options.map((c, i) => {
      const { value, label, disabled } = choiceOf(c);
      const id = `${w.id}-${i}`;
      return html`<span class="tether-choice" key=${value}><input type="radio" id=${id} name=${props.name} value=${value}
        checked=${props.value === undefined ? undefined : props.value === value} disabled=${disabled || props.disabled === true} required=${props.required === true}
        aria-invalid=${w.invalid} aria-describedby=${w.describedBy} data-field=${props.name} onChange=${props.onChange} onBlur=${props.onBlur} />
        <label for=${id}>${label}</label></span>`;
    }),
  );
}

/** One choice among radio buttons; a form hands over the chosen value. */
export const RadioGroup = defineInput<RadioGroupProps, string>(render, {
  kind: "radio-group",
  parse: (shown) => String(shown),
});
