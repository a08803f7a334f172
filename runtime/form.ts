/**
 * A form's fields as the server receives them: one string per name, or an array for a name
 * that can hold several values (several checkboxes, a `<select multiple>`, a name ending in `[]`).
 */
export function serializeForm(form: HTMLFormElement, submitter: HTMLElement | null): Record<string, string | string[]> {
  const data = new FormData(form, submitter);
  const multi = new Set<string>();
  const elements = form.elements;
  const seen = new Set<string>();
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i] as HTMLInputElement | HTMLSelectElement;
    const name = el.name;
    if (!name) continue;
    if ((el.nodeName === "SELECT" && (el as HTMLSelectElement).multiple) || name.endsWith("[]")) multi.add(name);
    else if ((el as HTMLInputElement).type === "checkbox") {
      if (seen.has(name)) multi.add(name);
      seen.add(name);
    }
  }
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of data) {
    if (typeof value !== "string") continue; // files travel by upload, not in events
    if (multi.has(name)) {
      const list = (out[name] as string[] | undefined) ?? [];
      list.push(value);
      out[name] = list;
    } else out[name] = value;
  }
  for (const name of multi) if (!(name in out)) out[name] = [];
  return out;
}
