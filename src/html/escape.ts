/** Text and attribute escaping for server-rendered HTML (invariant 7, "Escaped by default" in ARCHITECTURE.md). */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const replace = (c: string): string => ENTITIES[c];

// Most strings need no escaping; testing first with a non-global regex avoids building a copy.
const TEXT_TEST = /[&<>]/;
const TEXT_ALL = /[&<>]/g;
const ATTR_TEST = /[&"<>]/;
const ATTR_ALL = /[&"<>]/g;

export function escapeText(text: string): string {
  return TEXT_TEST.test(text) ? text.replace(TEXT_ALL, replace) : text;
}

export function escapeAttr(text: string): string {
  return ATTR_TEST.test(text) ? text.replace(ATTR_ALL, replace) : text;
}
