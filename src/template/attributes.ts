/**
 * Attribute value normalization at template time: `class` and `style` as strings, arrays or
 * objects; refusal of string event handlers and `javascript:` URLs (invariant 7, "Escaped by
 * default" in ARCHITECTURE.md).
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

/** Attributes that hold a URL a browser may navigate to or load. */
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "poster", "cite", "background", "data"]);

// Browsers ignore ASCII whitespace and control characters inside the scheme (WHATWG URL).
// eslint-disable-next-line no-control-regex
const JAVASCRIPT_URL = /^[\u0000-\u0020]*j[\r\n\t]*a[\r\n\t]*v[\r\n\t]*a[\r\n\t]*s[\r\n\t]*c[\r\n\t]*r[\r\n\t]*i[\r\n\t]*p[\r\n\t]*t[\r\n\t]*:/i;

/** What a refused URL is replaced with: inert, and visible in the DOM for debugging. */
export const BLOCKED_URL = "about:blank#blocked";

export function isUrlAttribute(name: string): boolean {
  return URL_ATTRIBUTES.has(name);
}

export function isJavascriptUrl(value: string): boolean {
  return JAVASCRIPT_URL.test(value);
}
