const elements = new WeakMap<ViewElement, Element>();

/** The element a ViewElement reads (for the view's actions; tests see only the ViewElement). */
export function elementOf(element: ViewElement): Element {
  return elements.get(element)!;
}

/**
 * An element of a view, as a test reads it. It reads the element it was found as: after a
 * patch that replaced that element, query again.
 */
export class ViewElement {
  /** How the test named it (a selector, or the query that found it), for messages. */
  readonly description: string;
  /** Not public: its type would make every test project's types need the DOM's. */
  readonly #element: Element;

  constructor(element: Element, description: string) {
    this.#element = element;
    this.description = description;
    elements.set(this, element);
  }

  /** Its text content, as the page shows it (`textContent`). */
  get text(): string {
    return this.#element.textContent ?? "";
  }

  /** A field's value now (what the user typed or the server set); "" for other elements. */
  get value(): string {
    const value = (this.#element as HTMLInputElement).value;
    return typeof value === "string" ? value : "";
  }

  /** A checkbox's or radio button's state (or an `<option>`'s `selected`). */
  get checked(): boolean {
    const el = this.#element as HTMLInputElement & HTMLOptionElement;
    return el.nodeName === "OPTION" ? el.selected : el.checked === true;
  }

  /** An attribute's value, or null without it. */
  attr(name: string): string | null {
    return this.#element.getAttribute(name);
  }

  /** Its HTML, itself included. */
  get html(): string {
    return this.#element.outerHTML;
  }

  /** Its tag name, lower case. */
  get tag(): string {
    return this.#element.localName;
  }

  /** Still in the page (not removed by a patch since it was found). */
  get isConnected(): boolean {
    return this.#element.isConnected;
  }
}
