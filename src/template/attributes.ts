/**
 * Attribute value normalization at template time: `class` and `style` as strings, arrays or
 * objects. (URLs are checked by url-attributes.ts, names by names.ts.)
 */

/** `class` given as a string, an array, or an object of `{ name: condition }`. */
export type ClassValue = string | number | null | undefined | boolean | ClassValue[] | Record<string, unknown>;

export function classToString(value: ClassValue): string {
  if (value == null || value === false || value === true) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  let out = "";
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const part = classToString(value[i]);
      if (part) out = out ? out + " " + part : part;
    }
    return out;
  }
  for (const name in value) if (value[name]) out = out ? out + " " + name : name;
  return out;
}

// Properties whose numbers carry no unit; every other number gets "px", as in preact.
const UNITLESS = /^(?:opacity|z-index|zoom|flex|flex-grow|flex-shrink|order|font-weight|line-height|orphans|widows|tab-size|columns|column-count|fill-opacity|stroke-opacity|stroke-width|scale|aspect-ratio|animation-iteration-count|grid-(?:row|column)(?:-start|-end)?)$/;

export function styleToString(value: unknown): string {
  if (value == null || value === false) return "";
  if (typeof value === "string") return value;
  if (typeof value !== "object") return String(value);
  let out = "";
  const style = value as Record<string, unknown>;
  for (const name in style) {
    const v = style[name];
    if (v == null || v === false || v === "") continue;
    const prop = name.startsWith("--") ? name : name.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
    const text = typeof v === "number" && v !== 0 && !UNITLESS.test(prop) ? v + "px" : String(v);
    out += (out ? ";" : "") + prop + ":" + text;
  }
  return out;
}
