/** @jsxImportSource preact */
import type { DevReportMessage, InspectedComponent, Summary, SummaryEntries } from "../../src/protocol/wire.js";

/**
 * The devtools' component tree: the components of the session's newest DevReport, nested as
 * they rendered each other, each a collapsible entry with its props, state and other fields.
 * Entries are `<details>`: what the developer opened or closed stays so across refreshes (preact
 * sets `open` only when the rendered value changes, and it never does).
 */
export function ComponentTree({ report }: { report: DevReportMessage | null }) {
  if (report === null) return <p class="muted">Waiting for the server…</p>;
  if (report.c.length === 0) return <p class="muted">No component.</p>;
  return (
    <div id="components">
      {report.c.map((c, i) => <ComponentEntry key={keyOf(c, i)} component={c} />)}
      {report.x !== undefined && <p class="muted">{report.x} more components not listed.</p>}
    </div>
  );
}

function ComponentEntry({ component }: { component: InspectedComponent }) {
  return (
    <details class="component" data-component={component.n} open>
      <summary>
        <span class="name">{component.n}</span>
        {component.k !== undefined && <span class="muted"> key={JSON.stringify(component.k)}</span>}
        {component.id > 0 && <span class="muted"> node {component.id}</span>}
      </summary>
      <div class="fields">
        <Section name="props" value={component.p} open={false} />
        {component.s !== undefined && <Section name="state" value={component.s} open />}
        {component.f !== undefined && <Section name="fields" value={component.f} open />}
        {component.c?.map((c, i) => <ComponentEntry key={keyOf(c, i)} component={c} />)}
      </div>
    </details>
  );
}

/** A component's props, state or fields: its entries, or its one value (a state that is not an object). */
function Section({ name, value, open }: { name: string; value: Summary; open: boolean }) {
  return (
    <div class={name}>
      <Entry name={name} value={value} open={open} />
    </div>
  );
}

function Entry({ name, value, open }: { name: string; value: Summary; open: boolean }) {
  if (!isEntries(value)) {
    return (
      <div class="entry" data-key={name}>
        <span class="key">{name}</span>: <span class="value">{leafText(value)}</span>
      </div>
    );
  }
  const hidden = value.n - value.e.length;
  return (
    <details class="entry" data-key={name} open={open}>
      <summary>
        <span class="key">{name}</span>: <span class="muted">{preview(value)}</span>
      </summary>
      <div class="fields">
        {value.e.map(([key, v]) => <Entry key={key} name={key} value={v} open={false} />)}
        {hidden > 0 && <div class="muted">… {hidden} more</div>}
      </div>
    </details>
  );
}

function isEntries(value: Summary): value is SummaryEntries {
  return typeof value === "object" && value !== null && "e" in value;
}

/** A value that is not a container: a string quoted, as JSON writes it; a mark (`ƒ inc`) as it is. */
function leafText(value: Summary): string {
  if (typeof value === "object" && value !== null) return (value as { x: string }).x;
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function preview(value: SummaryEntries): string {
  return value.t === "Array" ? `Array(${value.n})` : value.t === "Map" || value.t === "Set" ? `${value.t}(${value.n})` : `${value.t} {${value.n}}`;
}

function keyOf(component: InspectedComponent, i: number): string {
  return component.k === undefined ? `${component.n}#${i}` : `${component.n}:${String(component.k)}`;
}
