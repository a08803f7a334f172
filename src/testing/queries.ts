/**
 * Finding elements the way a user does, in testing-library's vocabulary: by role and
 * accessible name, by label, by text. Enough of the ARIA rules for the elements live pages
 * are made of; an explicit `role` attribute always wins.
 */
import { matches, normalize, type TextMatch } from "./values.js";

/** The implicit role of an element without a `role` attribute, or null. */
export function roleOf(el: Element): string | null {
  const explicit = el.getAttribute("role");
  if (explicit !== null && explicit.trim() !== "") return explicit.trim().split(/\s+/)[0];
  switch (el.localName) {
    case "button":
      return "button";
    case "a":
      return el.hasAttribute("href") ? "link" : null;
    case "input":
      return inputRole(el as HTMLInputElement);
    case "textarea":
      return "textbox";
    case "select":
      return (el as HTMLSelectElement).multiple || (el as HTMLSelectElement).size > 1 ? "listbox" : "combobox";
    case "option":
      return "option";
    case "h1": case "h2": case "h3": case "h4": case "h5": case "h6":
      return "heading";
    case "ul": case "ol": case "menu":
      return "list";
    case "li":
      return "listitem";
    case "table":
      return "table";
    case "tr":
      return "row";
    case "td":
      return "cell";
    case "th":
      return "columnheader";
    case "thead": case "tbody": case "tfoot":
      return "rowgroup";
    case "form":
      return "form";
    case "img":
      return el.getAttribute("alt") === "" ? "presentation" : "img";
    case "nav":
      return "navigation";
    case "main":
      return "main";
    case "header":
      return "banner";
    case "footer":
      return "contentinfo";
    case "aside":
      return "complementary";
    case "dialog":
      return "dialog";
    case "output":
      return "status";
    case "progress":
      return "progressbar";
    case "hr":
      return "separator";
    case "article":
      return "article";
    case "section":
      return el.hasAttribute("aria-label") || el.hasAttribute("aria-labelledby") ? "region" : null;
    default:
      return null;
  }
}

function inputRole(input: HTMLInputElement): string | null {
  switch ((input.getAttribute("type") ?? "text").toLowerCase()) {
    case "button": case "submit": case "reset": case "image":
      return "button";
    case "checkbox":
      return "checkbox";
    case "radio":
      return "radio";
    case "range":
      return "slider";
    case "number":
      return "spinbutton";
    case "search":
      return input.hasAttribute("list") ? "combobox" : "searchbox";
    case "hidden": case "file": case "color": case "date": case "datetime-local": case "month": case "time": case "week": case "password":
      return null;
    default:
      return input.hasAttribute("list") ? "combobox" : "textbox";
  }
}

/** The accessible name: aria-labelledby, aria-label, a label, alt or title, else (for roles named by content) the text. */
export function accessibleName(el: Element): string {
  const doc = el.ownerDocument;
  const labelledBy = el.getAttribute("aria-labelledby");
  if (labelledBy !== null) return labelledBy.split(/\s+/).map((id) => doc.getElementById(id)?.textContent ?? "").join(" ").trim();
  const label = el.getAttribute("aria-label");
  if (label !== null && label.trim() !== "") return label.trim();
  const labels = labelsOf(el);
  if (labels.length > 0) return labels.map((l) => l.textContent ?? "").join(" ").trim();
  if (el.localName === "input") {
    const type = (el.getAttribute("type") ?? "").toLowerCase();
    if (type === "submit" || type === "reset" || type === "button") return el.getAttribute("value") ?? (type === "submit" ? "Submit" : type === "reset" ? "Reset" : "");
    if (type === "image") return el.getAttribute("alt") ?? "";
  }
  if (el.localName === "img") return el.getAttribute("alt") ?? "";
  const role = roleOf(el);
  if (role !== null && NAMED_BY_CONTENT.has(role)) return (el.textContent ?? "").trim();
  return el.getAttribute("title") ?? el.getAttribute("placeholder") ?? "";
}

const NAMED_BY_CONTENT = new Set(["button", "link", "heading", "option", "cell", "columnheader", "listitem", "checkbox", "radio", "tab", "menuitem", "row"]);

/** The `<label>`s of a form control: by `for`, or around it. */
function labelsOf(el: Element): Element[] {
  const out: Element[] = [];
  if (el.id !== "") for (const label of el.ownerDocument.querySelectorAll("label")) if (label.getAttribute("for") === el.id) out.push(label);
  const around = el.parentElement?.closest("label");
  if (around && !out.includes(around)) out.push(around);
  return out;
}

/** The control a `<label>` names: by `for`, else the first control inside it. */
function controlOf(label: Element): Element | null {
  const target = label.getAttribute("for");
  if (target !== null) return label.ownerDocument.getElementById(target);
  return label.querySelector("input, select, textarea, button, output, meter, progress");
}

/** Elements under `root` with `role`, and a matching accessible name if `name` is given. */
export function byRole(root: Element, role: string, name: TextMatch | undefined): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll("*")) {
    if (roleOf(el) !== role || isHidden(el)) continue;
    if (name === undefined || matches(accessibleName(el), name)) out.push(el);
  }
  return out;
}

/** Form controls under `root` whose label (a `<label>`, `aria-label` or `aria-labelledby`) matches. */
export function byLabel(root: Element, text: TextMatch): Element[] {
  const out: Element[] = [];
  for (const label of root.querySelectorAll("label")) {
    if (!matches(label.textContent ?? "", text)) continue;
    const control = controlOf(label);
    if (control !== null && !out.includes(control)) out.push(control);
  }
  for (const el of root.querySelectorAll("[aria-label], [aria-labelledby]")) {
    if (!out.includes(el) && el.localName !== "label" && matches(accessibleName(el), text)) out.push(el);
  }
  return out;
}

/** The innermost elements under `root` whose text matches (not their ancestors as well), in document order. */
export function byText(root: Element, text: TextMatch): Element[] {
  const out: Element[] = [];
  const children = root.children;
  for (let i = 0; i < children.length; i++) collectByText(children[i], text, typeof text === "string" ? normalize(text) : null, out);
  return out;
}

/**
 * byText under `el`. A string is matched whole, so an element whose text does not contain it has
 * no descendant that matches: its subtree is skipped, and finding a row's text in a table of
 * 1,000 rows reads the text of each row, not of every cell and button as well.
 */
function collectByText(el: Element, text: TextMatch, wanted: string | null, out: Element[]): void {
  const tag = el.localName;
  if (tag === "script" || tag === "style" || tag === "template" || el.hasAttribute("hidden")) return;
  const content = el.textContent ?? "";
  if (wanted !== null && !normalize(content).includes(wanted)) return;
  const children = el.children;
  if (matches(content, text)) {
    let inner = false;
    for (let i = 0; i < children.length && !inner; i++) inner = matches(children[i].textContent ?? "", text);
    if (!inner) out.push(el);
  }
  for (let i = 0; i < children.length; i++) collectByText(children[i], text, wanted, out);
}

function isHidden(el: Element): boolean {
  return el.closest("[hidden], template") !== null;
}
