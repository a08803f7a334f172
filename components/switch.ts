import { html, type VNode } from "../src/index.js";
import { wireField, fieldClass } from "./field.js";
import { defineInput, type InputProps } from "./input.js";

/** Props of a switch: on or off. */
export type SwitchProps = InputProps<boolean>;

function render(props: SwitchProps): VNode {
  const w = wireField(props);
  return html`<div class=${fieldClass("switch", props)}>
    <span class="tether-switch-row"><input type="checkbox" role="switch" class="tether-switch-control" id=${w.id} name=${props.name} checked=${props.value}
      required=${props.required === true} disabled=${props.disabled === true} aria-invalid=${w.invalid} aria-describedby=${w.describedBy}
      data-field=${props.name} onChange=${props.onChange} onBlur=${props.onBlur} />
    ${props.label ? html`<label class="tether-label" for=${w.id}>${props.label}${props.required ? html`<span class="tether-required" aria-hidden="true"> *</span>` : null}</label>` : null}</span>
    ${props.help ? html`<small class="tether-help" id=${w.helpId}>${props.help}</small>` : null}
    <small class="tether-error" id=${w.errorId} aria-live="polite">${props.error ?? ""}</small>
  </div>` as VNode;
}

/** An on/off switch (a checkbox with `role="switch"`); its value is a boolean. `required` means it must be on. */
export const Switch = defineInput<SwitchProps, boolean>(render, {
  kind: "switch",
  empty: () => false,
  read: (event, shown) => event.checked ?? shown,
  fromForm: (field) => field !== undefined,
  show: (value) => value === true,
  parse: (shown) => shown === true,
});
