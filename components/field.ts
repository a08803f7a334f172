import { html, type Renderable, type VNode } from "../src/index.js";
import type { InputProps } from "./input.js";

/** The ids and ARIA wiring of one field: the control, its help and its error message. */
export interface FieldWiring {
  id: string;
  helpId: string;
  errorId: string;
  /** `aria-invalid`: "true" while there is an error, else absent. */
  invalid: "true" | undefined;
  /**
   * `aria-describedby`: the error message while there is one, else the help text. One element
   * at a time, so that "the text of the element aria-describedby names" is the message.
   */
  describedBy: string | undefined;
}

/** The wiring of a field from its props. */
export function wireField(props: InputProps<any>): FieldWiring {
  const id = props.id ?? props.name;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const error = props.error != null && props.error !== "";
  return { id, helpId, errorId, invalid: error ? "true" : undefined, describedBy: error ? errorId : props.help ? helpId : undefined };
}

/** The wrapper's classes: its state shown to the theme (theme.css) and the user's own. */
export function fieldClass(kind: string, props: InputProps<any>): Array<string | false | undefined> {
  const error = props.error != null && props.error !== "";
  return ["tether-field", `tether-${kind}`, error && "tether-invalid", !error && props.valid === true && "tether-valid", props.checking === true && "tether-checking", props.class];
}

/**
 * One field: its label (`<label for>`), the control, the help text and the error message, the
 * last two always present (the error one empty while valid, `aria-live` so a screen reader
 * hears a new message). Every input component renders through it, except the groups (FieldSet).
 */
export function Field(kind: string, props: InputProps<any>, wiring: FieldWiring, control: Renderable): VNode {
  return html`<div class=${fieldClass(kind, props)}>
    ${props.label ? html`<label class="tether-label" for=${wiring.id}>${props.label}${props.required ? html`<span class="tether-required" aria-hidden="true"> *</span>` : null}</label>` : null}
    ${control}
    ${Feedback(props, wiring)}
  </div>` as VNode; // one root element: a VNode
}

/**
 * A group of controls (radio buttons, checkboxes): a fieldset whose legend is the label, each
 * control with its own `<label for>`. The group's controls carry the wiring.
 */
export function FieldSet(kind: string, props: InputProps<any>, wiring: FieldWiring, controls: Renderable): VNode {
  return html`<fieldset class=${fieldClass(kind, props)} id=${wiring.id} aria-describedby=${wiring.describedBy} disabled=${props.disabled === true}>
    ${props.label ? html`<legend class="tether-label">${props.label}${props.required ? html`<span class="tether-required" aria-hidden="true"> *</span>` : null}</legend>` : null}
    <div class="tether-choices">${controls}</div>
    ${Feedback(props, wiring)}
  </fieldset>` as VNode;
}

function Feedback(props: InputProps<any>, wiring: FieldWiring): Renderable {
  return html`${props.help ? html`<small class="tether-help" id=${wiring.helpId}>${props.help}</small>` : null}
    <small class="tether-error" id=${wiring.errorId} aria-live="polite">${props.error ?? ""}</small>`;
}
