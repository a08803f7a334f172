/** @jsxImportSource preact */
import { useState } from "preact/hooks";
import { preactIsland } from "tether-live/preact";

const WIDTH = 600;
const HEIGHT = 160;

/**
 * The /islands page's chart island, a preact component: an SVG line of the points the server
 * streams (one a second, as new props). Its zoom (how many of the last points it shows) is its
 * own state, kept across every update.
 */
function Chart({ points }: { points: number[] }) {
  const [zoom, setZoom] = useState(30);
  const shown = points.slice(-zoom);
  const max = Math.max(1, ...shown);
  const step = WIDTH / Math.max(1, zoom - 1);
  const line = shown.map((p, i) => `${(i * step).toFixed(1)},${(HEIGHT - (p / max) * (HEIGHT - 8) - 4).toFixed(1)}`).join(" ");
  const zoomBy = (delta: number) => setZoom((z) => Math.min(60, Math.max(5, z + delta * 5)));
  return (
    <>
      <p class="toolbar">
        <button type="button" id="chart-zoom-in" onClick={() => zoomBy(-1)}>
          Zoom in
        </button>
        <button type="button" id="chart-zoom-out" onClick={() => zoomBy(1)}>
          Zoom out
        </button>
        <span class="readout">
          <span class="readout-label">Showing the last</span> <output id="chart-zoom">{zoom} points</output>
        </span>
        <span class="readout">
          <span class="readout-label">Points</span> <output id="chart-count">{points.length}</output>
        </span>
      </p>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label="A line chart of the server's points">
        <polyline points={line}></polyline>
      </svg>
    </>
  );
}

export default preactIsland(Chart);
