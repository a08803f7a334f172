import type { Island } from "tether-live/client";

const WIDTH = 600;
const HEIGHT = 160;

/**
 * The /islands page's chart island: an SVG line of the points the server streams (one a
 * second, as new props). Its zoom (how many of the last points it shows) is its own state, kept
 * across every update.
 */
const chart: Island<{ points: number[] }> = {
  mount(el, props) {
    let points = props.points;
    let zoom = 30;
    el.innerHTML = `
      <p class="toolbar">
        <button type="button" data-zoom="-1" id="chart-zoom-in">Zoom in</button>
        <button type="button" data-zoom="1" id="chart-zoom-out">Zoom out</button>
        <span class="readout"><span class="readout-label">Showing the last</span> <output id="chart-zoom"></output></span>
        <span class="readout"><span class="readout-label">Points</span> <output id="chart-count"></output></span>
      </p>
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-label="A line chart of the server's points"><polyline points=""></polyline></svg>`;
    const line = el.querySelector("polyline")!;
    const draw = () => {
      const shown = points.slice(-zoom);
      const max = Math.max(1, ...shown);
      const step = WIDTH / Math.max(1, zoom - 1);
      line.setAttribute("points", shown.map((p, i) => `${(i * step).toFixed(1)},${(HEIGHT - (p / max) * (HEIGHT - 8) - 4).toFixed(1)}`).join(" "));
      el.querySelector("#chart-zoom")!.textContent = `${zoom} points`;
      el.querySelector("#chart-count")!.textContent = String(points.length);
    };
    el.addEventListener("click", (event) => {
      const button = (event.target as Element).closest<HTMLElement>("[data-zoom]");
      if (button === null) return;
      zoom = Math.min(60, Math.max(5, zoom + Number(button.dataset.zoom) * 5));
      draw();
    });
    draw();
    return {
      update(next) {
        points = next.points;
        draw();
      },
    };
  },
};

export default chart;
