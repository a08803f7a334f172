/**
 * The element each ViewElement reads. Kept out of the class's own fields so that its public
 * types (the package's .d.ts) name no DOM type: a test project's types need not include the DOM's.
 */
const elements = new WeakMap<ViewElement, Element>();

/** The element a ViewElement reads (for the view's actions; tests see only the ViewElement). */
export function elementOf(element: ViewElement): object {
  return elements.get(element)!;
}

/**
 * An element of a view, as a test reads it. It reads the element it was found as: after a
 * patch that replaced that element, query again.
 */
export class ViewElement {
  /** How the test named it (a selector, or the query that found it), for messages. */
  readonly description: string;

  /** @internal Made by the view's queries. */
  constructor(element: object, description: string) {
    elements.set(this, element as Element);
    this.description = description;
  }

  /** Its text content, as the page shows it (`textContent`). */
  get text(): string {
    return elements.get(this)!.textContent ?? "";
  }

  /** A field's value now (what the user typed or the server set); "" for other elements. */
  get value(): string {
    const value = (elements.get(this) as HTMLInputElement).value;
    return typeof value === "string" ? value : "";
  }

  /** A checkbox's or radio button's state (or an `<option>`'s `selected`). */
  get checked(): boolean {
    const el = elements.get(this) as HTMLInputElement & HTMLOptionElement;
    return el.nodeName === "OPTION" ? el.selected : el.checked === true;
  }

  /** An attribute's value, or null without it. */
  attr(name: string): string | null {
    return elements.get(this)!.getAttribute(name);
  }

  /** Its HTML, itself included. */
  get html(): string {
    return elements.get(this)!.outerHTML;
  }

  /** Its tag name, lower case. */
  get tag(): string {
    return elements.get(this)!.localName;
  }

  /** Still in the page (not removed by a patch since it was found). */
  get isConnected(): boolean {
    return elements.get(this)!.isConnected;
  }
}
