import { html, type VNode } from "../src/index.js";
import { FieldSet, wireField } from "./field.js";
import { choiceOf, defineInput, showList, type Choice, type InputProps } from "./input.js";

/** Props of a checkbox group: its choices; its value is the checked values. */
export interface CheckboxGroupProps extends InputProps<readonly string[]> {
  options: readonly Choice[];
  /** Lays the boxes out in a row rather than one per line. */
  inline?: boolean;
}

function render(props: CheckboxGroupProps): VNode {
  const w = wireField(props);
  const checked = props.value === undefined ? null : props.value;
  return FieldSet("checkbox-group", { ...props, class: [props.class, props.inline === true && "tether-inline"].filter(Boolean).join(" ") }, w,
    props.options.map((c, i) => {
      const { value, label, disabled } = choiceOf(c);
      const id = `${w.id}-${i}`;
      return html`<span class="tether-choice" key=${value}><input type="checkbox" id=${id} name=${props.name} value=${value}
        checked=${checked === null ? undefined : checked.includes(value)} disabled=${disabled || props.disabled === true}
        aria-invalid=${w.invalid} aria-describedby=${w.describedBy} data-field=${props.name} onChange=${props.onChange} onBlur=${props.onBlur} />
        <label for=${id}>${label}</label></span>`;
    }),
  );
}

/** Checkboxes of one name; a form hands over the checked values as an array. */
export const CheckboxGroup = defineInput<CheckboxGroupProps, string[]>(render, {
  kind: "checkbox-group",
  empty: () => [],
  read(event, shown) {
    const list = showList(shown);
    const value = event.value ?? "";
    if (event.checked === true) return list.includes(value) ? list : [...list, value];
    return list.filter((v) => v !== value);
  },
  fromForm: showList,
  show: showList,
  parse: (shown) => showList(shown),
});
