import { afterEach, describe, expect, test, vi } from "vitest";
import { Component, html, type LiveEvent, type Renderable } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { Toasts, ToastStack } from "../../components/index.js";

afterEach(() => {
  vi.useRealTimers();
  return cleanup();
});

describe("Toasts", () => {
  test("stacked oldest first; each removed when its time is up, in the order their times end", () => {
    vi.useFakeTimers();
    let changes = 0;
    const toasts = new Toasts(() => changes++);
    toasts.show("slow", { duration: 3000 });
    toasts.show("fast", { duration: 1000, color: "success" });
    toasts.show("sticky", { duration: 0, color: "error" });
    expect(toasts.list.map((t) => [t.message, t.color])).toEqual([["slow", "info"], ["fast", "success"], ["sticky", "error"]]);
    vi.advanceTimersByTime(1000);
    expect(toasts.list.map((t) => t.message)).toEqual(["slow", "sticky"]);
    vi.advanceTimersByTime(2000);
    expect(toasts.list.map((t) => t.message)).toEqual(["sticky"]);
    vi.advanceTimersByTime(60_000);
    expect(toasts.list.map((t) => t.message)).toEqual(["sticky"]);
    expect(changes).toBe(5);
  });

  test("dismiss removes one at once and clears its timer; stop clears every timer", () => {
    vi.useFakeTimers();
    const toasts = new Toasts(() => {});
    const a = toasts.show("a");
    toasts.show("b");
    toasts.dismiss(a);
    expect(toasts.list.map((t) => t.message)).toEqual(["b"]);
    expect(vi.getTimerCount()).toBe(1);
    toasts.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

class Page extends Component {
  toasts = new Toasts(() => this.setState({}));
  add() {
    this.toasts.show("Saved", { color: "success", duration: 0 });
  }
  dismiss(event: LiveEvent) {
    this.toasts.dismiss(Number(event.data.id));
  }
  unmount() {
    this.toasts.stop();
  }
  render(): Renderable {
    return html`<div><button id="add" onClick=${this.add}>Add</button><${ToastStack} toasts=${this.toasts.list} onDismiss=${this.dismiss} /></div>`;
  }
}

describe("ToastStack", () => {
  test("renders each toast with its colour in a polite live region; its close button removes it", async () => {
    const view = await render(Page);
    await view.click("#add");
    await view.click("#add");
    expect(view.get(".tether-toasts").attr("aria-live")).toBe("polite");
    expect(view.getAll(".tether-toast-success .tether-toast-message").map((t) => t.text)).toEqual(["Saved", "Saved"]);
    await view.click(view.getAll(".tether-toast-close")[0]);
    expect(view.getAll(".tether-toast")).toHaveLength(1);
  });
});
