// The /hooks page's script: registers the hook `Measure` for `t-hook="Measure"` (a module the
// route loads; it runs before the page's elements are looked at).
const { tether } = window;

function log(step) {
  const out = document.getElementById("hook-log");
  out.textContent = out.textContent === "" ? step : `${out.textContent} → ${step}`;
}

tether.hooks.Measure = {
  mounted() {
    log("mounted");
    this.observer = new ResizeObserver(() => this.push());
    this.observer.observe(this.el);
  },
  async push() {
    const { width, height } = this.el.getBoundingClientRect();
    const area = await this.pushEvent("size", { width: Math.round(width), height: Math.round(height) });
    document.getElementById("area").textContent = `${area} px²`;
  },
  updated() {
    log("updated");
  },
  destroyed() {
    log("destroyed");
    this.observer.disconnect();
  },
  disconnected() {
    log("disconnected");
  },
  reconnected() {
    log("reconnected");
  },
};
