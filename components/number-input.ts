import type { VNode } from "../src/index.js";
import { Field, wireField } from "./field.js";
import { defineInput, type InputProps, type Shown } from "./input.js";
import { TextControl } from "./text-like.js";

/** Props of a number field: its value may be given as a number or as text. */
export interface NumberInputProps extends InputProps<number | string | null> {
  min?: number;
  max?: number;
  /** The step of the arrows; a whole `step` (the default, 1) refuses fractions unless `float`. */
  step?: number;
  /** Accepts any decimal number, whatever `step` is. */
  float?: boolean;
}

/** The number a field's text stands for, or null for an empty field, NaN for one that is no number. */
export function toNumber(shown: Shown): number {
  const text = String(shown).trim();
  return text === "" ? Number.NaN : Number(text);
}

/** The check shared by number fields and sliders: a number, in range, whole unless allowed. */
export function checkNumber(shown: Shown, props: NumberInputProps): string | undefined {
  if (String(shown).trim() === "") return undefined;
  const n = toNumber(shown);
  if (!Number.isFinite(n)) return "Enter a number.";
  if (props.min !== undefined && n < props.min) return `Enter ${props.min} or more.`;
  if (props.max !== undefined && n > props.max) return `Enter ${props.max} or less.`;
  if (props.float !== true && Number.isInteger(props.step ?? 1) && !Number.isInteger(n)) return "Enter a whole number.";
  return undefined;
}

/** The attributes a number control shares with a slider. */
export function numberAttrs(props: NumberInputProps): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  if (props.min !== undefined) extra.min = props.min;
  if (props.max !== undefined) extra.max = props.max;
  extra.step = props.float === true && props.step === undefined ? "any" : (props.step ?? 1);
  return extra;
}

function render(props: NumberInputProps): VNode {
  const value = props.value === undefined ? undefined : props.value === null ? "" : String(props.value);
  return Field("number", props, wireField(props), TextControl("text", props, value, { inputmode: props.float === true ? "decimal" : "numeric", ...numberAttrs(props) }));
}

/**
 * A number field. What the user types stays as typed ("1." while typing "1.5"); the value a
 * form hands over is a number, or null when the field is empty.
 *
 * A text input with a numeric keyboard rather than `type="number"`: that one reports "" for
 * text it cannot parse, so the server could not tell "1e" from an empty field.
 */
export const NumberInput = defineInput<NumberInputProps, number | null>(render, {
  kind: "number",
  typed: true,
  parse: (shown) => {
    const n = toNumber(shown);
    return Number.isFinite(n) ? n : null;
  },
  check: checkNumber,
});
