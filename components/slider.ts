import { html, type VNode } from "../src/index.js";
import { Field, wireField } from "./field.js";
import { defineInput } from "./input.js";
import { checkNumber, numberAttrs, toNumber, type NumberInputProps } from "./number-input.js";
import { TextControl } from "./text-like.js";

/** Props of a slider: min (default 0), max (default 100), step (default 1) and `float` for any step. */
export type SliderProps = NumberInputProps;

function render(props: SliderProps): VNode {
  const w = wireField(props);
  const value = props.value == null ? undefined : String(props.value);
  const range = numberAttrs({ ...props, min: props.min ?? 0, max: props.max ?? 100 });
  return Field("slider", props, w, html`<div class="tether-slider-row">${TextControl("range", { ...props, placeholder: undefined }, value, range)}<output class="tether-slider-value" for=${w.id}>${value ?? ""}</output></div>`);
}

/** A slider (`<input type="range">`) with its value shown beside it; its value is a number. */
export const Slider = defineInput<SliderProps, number>(render, {
  kind: "slider",
  empty: (props) => String(props.min ?? 0),
  show: (value, props) => (value == null ? String(props.min ?? 0) : String(value)),
  parse: (shown, props) => {
    const n = toNumber(shown);
    return Number.isFinite(n) ? n : (props.min ?? 0);
  },
  check: checkNumber,
});
