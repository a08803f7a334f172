/**
 * Tag and attribute names, checked against HTML's grammar before anything is built with them
 * (invariant 7, "Escaped by default" in ARCHITECTURE.md). A name is written into the first paint's
 * HTML as it is and handed to the browser's createElement and setAttribute, so one that came from
 * data (`h(tag)`, `<${tag}>`, spread props) must not be able to end a tag, start an attribute of
 * its own, or be read as one of the wire's own names (`@click`, `.value`). A bad name is a
 * TypeError naming it.
 */
import { EVENT_PREFIX, PROP_PREFIX } from "../protocol/wire.js";
import { isUrlAttribute } from "./url-attributes.js";

// An ASCII letter, then ASCII letters, digits and hyphens: every HTML and SVG element, and
// custom elements (`x-card`). Anything else could not be written as a start tag safely.
const TAG_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;

// HTML's attribute-name production: no controls, whitespace, quotes, `>`, `/`, `=` or
// noncharacters; `<` is refused too (the tokenizer takes it, but as a parse error).
const ATTRIBUTE_NAME = /^[^\s"'<>/=\p{Cc}\p{Noncharacter_Code_Point}]+$/u;

/**
 * Names already checked, so a render looks a name up instead of testing it. Bounded: names can
 * come from data (spread props), and a cache of every name ever seen would grow without end.
 */
const MEMO_LIMIT = 2048;

const goodTags = new Set<string>();

/** Throws a TypeError unless `tag` is a tag name Tether writes (see TAG_NAME). */
export function checkTagName(tag: string): void {
  if (goodTags.has(tag)) return;
  if (!TAG_NAME.test(tag)) {
    throw new TypeError(`Tether: ${JSON.stringify(tag)} is not a valid tag name: an ASCII letter, then letters, digits or "-"`);
  }
  if (goodTags.size < MEMO_LIMIT) goodTags.add(tag);
}

/** What an attribute's value needs from normalizeProp, by its name. */
export const NameKind = {
  /** Taken as it is. */
  Plain: 0,
  /** `on…` in any case: a server function, never a string. */
  Event: 1,
  /** It may hold a URL (url-attributes.ts): checked for what could run script, per element. */
  Url: 2,
  /** HTML for a frame's document (`srcdoc`): sanitized as raw() is. */
  Html: 3,
} as const;

const kinds = new Map<string, number>();

/**
 * The NameKind of an attribute name (`tag` only names the element in errors). Throws a
 * TypeError for a name HTML does not allow, one that begins with the wire's prefixes (a
 * `.innerHTML` attribute would be read as the DOM property), and `__proto__`.
 */
export function attributeKind(name: string, tag: string): number {
  let kind = kinds.get(name);
  if (kind !== undefined) return kind;
  if (!ATTRIBUTE_NAME.test(name)) throw new TypeError(`Tether: ${JSON.stringify(name)} is not a valid attribute name (on <${tag}>)`);
  if (name[0] === EVENT_PREFIX || name[0] === PROP_PREFIX) {
    throw new TypeError(`Tether: ${JSON.stringify(name)} is not allowed as an attribute name (on <${tag}>): names beginning with "${EVENT_PREFIX}" or "${PROP_PREFIX}" are Tether's own on the wire`);
  }
  if (name === "__proto__") throw new TypeError(`Tether: "__proto__" is not allowed as an attribute name (on <${tag}>)`);
  // HTML attribute names are case-insensitive: ONCLICK and HREF are checked like onclick and href.
  const lower = name.toLowerCase();
  if (lower.length > 2 && lower[0] === "o" && lower[1] === "n") kind = NameKind.Event;
  else kind = isUrlAttribute(lower) ? NameKind.Url : lower === "srcdoc" ? NameKind.Html : NameKind.Plain;
  if (kinds.size < MEMO_LIMIT) kinds.set(name, kind);
  return kind;
}
