/**
 * The report's chart, as a hand-written SVG string: small multiples, one panel per headline
 * figure, each with its own scale (bars from zero, or logarithmic where values span orders
 * of magnitude, which the panel says), and one line panel for the update cost as rows grow.
 */
import { BARE_WS, ECHO, LIVEVIEWJS, TETHER, VANILLA_JS, WHOLE_HTML, type Results } from "./results.js";
import { BROWSER_OPS, type BrowserOpFigures } from "./browser.js";

const COLOURS: Record<string, string> = {
  [TETHER]: "#2b6cb0",
  [LIVEVIEWJS]: "#dd6b20",
  [WHOLE_HTML]: "#718096",
  [ECHO]: "#38a169",
  [BARE_WS]: "#38a169",
  [VANILLA_JS]: "#805ad5",
};

const PANEL_W = 470;
const GAP = 20;
const LABEL_W = 100;
const BAR_W = 260;
const BAR_H = 18;

interface Bar {
  label: string;
  value: number;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function format(value: number): string {
  if (value >= 100 || Number.isInteger(value)) return Math.round(value).toLocaleString("en-US");
  if (value >= 10) return value.toFixed(1);
  return String(Number(value.toPrecision(3)));
}

function barPanel(x: number, y: number, title: string, bars: Bar[], log: boolean): { svg: string; height: number } {
  const shown = bars.filter((b) => Number.isFinite(b.value) && b.value > 0);
  let svg = `<text x="${x}" y="${y + 14}" class="title">${esc(title)}${log ? " — log scale" : ""}</text>`;
  if (shown.length === 0) return { svg: svg + `<text x="${x}" y="${y + 40}" class="note">not measured</text>`, height: 60 };
  const max = Math.max(...shown.map((b) => b.value));
  const min = Math.min(...shown.map((b) => b.value));
  const low = log ? Math.pow(10, Math.floor(Math.log10(min)) - 0.3) : 0;
  const length = (v: number) => (log ? (Math.log10(v / low) / Math.log10((max * 1.05) / low)) * BAR_W : (v / max) * BAR_W);
  shown.forEach((bar, i) => {
    const by = y + 26 + i * (BAR_H + 6);
    const w = Math.max(1, length(bar.value));
    svg += `<text x="${x + LABEL_W - 6}" y="${by + 13}" class="label" text-anchor="end">${esc(bar.label)}</text>`;
    svg += `<rect x="${x + LABEL_W}" y="${by}" width="${w.toFixed(1)}" height="${BAR_H}" fill="${COLOURS[bar.label] ?? "#999"}"/>`;
    svg += `<text x="${(x + LABEL_W + w + 5).toFixed(1)}" y="${by + 13}" class="value">${format(bar.value)}</text>`;
  });
  return { svg, height: 26 + shown.length * (BAR_H + 6) + 14 };
}

/**
 * Groups of bars on one logarithmic scale (a group per operation, a bar per page), with the
 * series' colours in a legend above them.
 */
function groupedBarPanel(x: number, y: number, title: string, series: string[], groups: Array<{ name: string; bars: Bar[] }>): { svg: string; height: number } {
  const barH = 10;
  let svg = `<text x="${x}" y="${y + 14}" class="title">${esc(title)} — log scale</text>`;
  const values = groups.flatMap((g) => g.bars.map((b) => b.value)).filter((v) => Number.isFinite(v) && v > 0);
  if (values.length === 0) return { svg: svg + `<text x="${x}" y="${y + 40}" class="note">not measured</text>`, height: 60 };
  series.forEach((label, i) => {
    const lx = x + LABEL_W + i * 110;
    svg += `<rect x="${lx}" y="${y + 22}" width="10" height="10" fill="${COLOURS[label] ?? "#999"}"/><text x="${lx + 14}" y="${y + 31}" class="label">${esc(label)}</text>`;
  });
  const low = Math.pow(10, Math.floor(Math.log10(Math.min(...values))) - 0.3);
  const high = Math.max(...values) * 1.05;
  const length = (v: number) => (Math.log10(v / low) / Math.log10(high / low)) * BAR_W;
  let gy = y + 40;
  for (const group of groups) {
    const height = group.bars.length * (barH + 2);
    svg += `<text x="${x + LABEL_W - 6}" y="${gy + height / 2 + 3}" class="axis" text-anchor="end">${esc(group.name)}</text>`;
    group.bars.forEach((bar, i) => {
      if (!Number.isFinite(bar.value) || bar.value <= 0) return;
      const by = gy + i * (barH + 2);
      const w = Math.max(1, length(bar.value));
      svg += `<rect x="${x + LABEL_W}" y="${by}" width="${w.toFixed(1)}" height="${barH}" fill="${COLOURS[bar.label] ?? "#999"}"/>`;
      svg += `<text x="${(x + LABEL_W + w + 4).toFixed(1)}" y="${by + 9}" class="axis">${format(bar.value)}</text>`;
    });
    gy += height + 8;
  }
  return { svg, height: gy - y + 6 };
}

/** Series of (rows, value) points, and a horizontal reference line (e.g. the echo floor). */
function linePanel(x: number, y: number, title: string, series: Array<{ label: string; points: Array<[number, number]> }>, reference?: { label: string; value: number }): { svg: string; height: number } {
  const height = 190;
  const plotX = x + 50;
  const plotY = y + 26;
  const plotW = PANEL_W - 150;
  const plotH = height - 60;
  let svg = `<text x="${x}" y="${y + 14}" class="title">${esc(title)} — log-log</text>`;
  const all = series.flatMap((s) => s.points).filter(([, v]) => v > 0);
  if (all.length === 0) return { svg: svg + `<text x="${x}" y="${y + 40}" class="note">not measured</text>`, height: 60 };
  const xs = all.map(([r]) => Math.log10(r));
  const ys = all.map(([, v]) => Math.log10(v));
  if (reference !== undefined && reference.value > 0) ys.push(Math.log10(reference.value));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.floor(Math.min(...ys)), Math.ceil(Math.max(...ys))];
  const px = (r: number) => plotX + ((Math.log10(r) - x0) / Math.max(1e-9, x1 - x0)) * plotW;
  const py = (v: number) => plotY + plotH - ((Math.log10(v) - y0) / Math.max(1e-9, y1 - y0)) * plotH;
  svg += `<rect x="${plotX}" y="${plotY}" width="${plotW}" height="${plotH}" class="frame"/>`;
  for (let d = y0; d <= y1; d++) {
    const v = Math.pow(10, d);
    svg += `<line x1="${plotX}" x2="${plotX + plotW}" y1="${py(v).toFixed(1)}" y2="${py(v).toFixed(1)}" class="grid"/>`;
    svg += `<text x="${plotX - 4}" y="${(py(v) + 4).toFixed(1)}" class="axis" text-anchor="end">${format(v)}</text>`;
  }
  for (const rows of new Set(all.map(([r]) => r))) {
    svg += `<text x="${px(rows).toFixed(1)}" y="${plotY + plotH + 14}" class="axis" text-anchor="middle">${rows.toLocaleString("en-US")}</text>`;
  }
  svg += `<text x="${plotX + plotW / 2}" y="${plotY + plotH + 28}" class="axis" text-anchor="middle">rows in the table</text>`;
  if (reference !== undefined && reference.value > 0) {
    const ry = py(reference.value).toFixed(1);
    svg += `<line x1="${plotX}" x2="${plotX + plotW}" y1="${ry}" y2="${ry}" stroke="${COLOURS[ECHO]}" stroke-dasharray="4 3"/>`;
    svg += `<text x="${plotX + 4}" y="${(Number(ry) - 4).toFixed(1)}" class="axis">${esc(reference.label)} ${format(reference.value)}</text>`;
  }
  series.forEach((s, i) => {
    const pts = s.points.filter(([, v]) => v > 0);
    const colour = COLOURS[s.label] ?? "#999";
    svg += `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.map(([r, v]) => `${px(r).toFixed(1)},${py(v).toFixed(1)}`).join(" ")}"/>`;
    for (const [r, v] of pts) svg += `<circle cx="${px(r).toFixed(1)}" cy="${py(v).toFixed(1)}" r="3" fill="${colour}"/>`;
    svg += `<rect x="${plotX + plotW + 12}" y="${plotY + i * 18}" width="10" height="10" fill="${colour}"/>`;
    svg += `<text x="${plotX + plotW + 26}" y="${plotY + i * 18 + 9}" class="label">${esc(s.label)}</text>`;
  });
  return { svg, height };
}

/** Chromium's /table: Tether beside the baselines, per operation, to the next frame or to the DOM. */
function chromiumPanel(x: number, y: number, r: Results, figure: "frameMs" | "domMs"): { svg: string; height: number } {
  const pages: Record<string, Record<string, BrowserOpFigures>> = r.browser ? { [TETHER]: r.browser.ops, ...r.browser.baselines } : {};
  const series = Object.keys(pages);
  const groups = BROWSER_OPS.map((op) => ({ name: op, bars: series.map((label) => ({ label, value: pages[label][op]?.[figure] ?? NaN })) }));
  return groupedBarPanel(x, y, `Chromium /table, click → ${figure === "frameMs" ? "next frame" : "DOM updated"}, ms`, series, groups);
}

/** The whole chart for one run. */
export function renderChart(r: Results): string {
  const rtt = r.rtt?.byClient ?? {};
  const rows: Array<Array<(x: number, y: number) => { svg: string; height: number }>> = [
    [
      (x, y) => barPanel(x, y, "Counter round trip p50, µs", [TETHER, LIVEVIEWJS, WHOLE_HTML, ECHO].map((l) => ({ label: l, value: (rtt[l]?.p50 ?? NaN) * 1000 })), false),
      (x, y) => barPanel(x, y, "One-row change of 1,000 rows, bytes", [TETHER, LIVEVIEWJS, WHOLE_HTML].map((l) => ({ label: l, value: r.oneRow?.byClient[l]?.select.payload ?? r.tableOps?.ops[l]?.["select"].payload ?? NaN })), true),
    ],
    [
      (x, y) => barPanel(x, y, "Server CPU per event, 50 sessions, µs", [TETHER, LIVEVIEWJS, ECHO].map((l) => ({ label: l, value: r.throughput[l]?.cpuMicrosPerEvent ?? NaN })), false),
      (x, y) => barPanel(x, y, "JS heap per idle session, KB", [TETHER, LIVEVIEWJS, BARE_WS].map((l) => ({ label: l, value: r.memory[l]?.heapPerSessionKb ?? NaN })), false),
    ],
    [
      (x, y) => barPanel(x, y, "Joins per second (bare ws: connects)", [TETHER, LIVEVIEWJS, BARE_WS].map((l) => ({ label: l, value: r.joins[l]?.joinsPerSecond ?? NaN })), false),
      (x, y) =>
        linePanel(
          x,
          y,
          "Server CPU per one-row update, µs",
          Object.entries(r.scaling?.byTarget ?? {}).map(([label, cells]) => ({ label, points: cells.map((c): [number, number] => [c.rows, c.cpuMicros]) })),
          r.scaling && { label: "raw ws echo, per message:", value: r.scaling.echoFloorMicros },
        ),
    ],
    [
      (x, y) => chromiumPanel(x, y, r, "frameMs"),
      (x, y) => chromiumPanel(x, y, r, "domMs"),
    ],
  ];
  let body = "";
  let y = 10;
  for (const row of rows) {
    let tallest = 0;
    row.forEach((panel, i) => {
      const { svg, height } = panel(10 + i * (PANEL_W + GAP), y);
      body += svg;
      tallest = Math.max(tallest, height);
    });
    y += tallest + GAP;
  }
  const width = 2 * PANEL_W + GAP + 20;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="system-ui, sans-serif">
<style>.title{font-size:13px;font-weight:600;fill:#1a202c}.label{font-size:12px;fill:#2d3748}.value{font-size:11px;fill:#4a5568}.axis{font-size:10px;fill:#4a5568}.note{font-size:12px;fill:#a0aec0}.frame{fill:none;stroke:#cbd5e0}.grid{stroke:#edf2f7}</style>
<rect width="100%" height="100%" fill="#fff"/>
${body}
</svg>
`;
}
