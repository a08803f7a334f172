/**
 * The values a test gives the harness: text to find, values to fill a form with. A module
 * without DOM types, so that the package's public types need no DOM library.
 */

/** Text to match: a string matches the whole text (whitespace collapsed and trimmed), a RegExp any part. */
export type TextMatch = string | RegExp;

/** A field value for `submit(form, values)`: text, the values of a multiple field, or a checkbox's state. */
export type FieldValue = string | readonly string[] | boolean;

export function matches(text: string, match: TextMatch): boolean {
  const normalized = normalize(text);
  return typeof match === "string" ? normalized === normalize(match) : match.test(normalized);
}

/** Text as a reader sees it: whitespace collapsed and trimmed. */
export function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
