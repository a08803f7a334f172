import type { Hook, HookContext } from "./hooks.js";

/**
 * The hooks of `tether-live/components` that need page code: what a modal dialog and a tab list
 * must do with the keyboard focus, which a server render cannot (it sends no focus). Registered
 * under `tether-` names, which the app's own hooks leave alone.
 */
export const BUILT_IN_HOOKS: Record<string, Hook> = {
  /**
   * DialogHost: when a dialog opens, focus moves into it (its `[autofocus]` element, else its
   * first control) and Tab cycles through its controls only, so focus never leaves it for the
   * rest of the page, the layout's own parts included; when it closes, focus goes back where it
   * was before it opened.
   */
  "tether-dialog-host": {
    mounted(this: HookContext) {
      this.el.addEventListener("keydown", (event) => trapTab(event, openDialog(this.el)));
      followDialog(this);
    },
    updated(this: HookContext) {
      followDialog(this);
    },
  },
  /**
   * Tabs: the WAI-ARIA tabs pattern's keys. ArrowRight and ArrowLeft move to the next and the
   * previous tab (round), Home and End to the first and the last; the tab reached is focused and
   * chosen (clicked: the server shows its panel).
   */
  "tether-tabs": {
    mounted(this: HookContext) {
      this.el.addEventListener("keydown", (event) => {
        const tabs = [...this.el.querySelectorAll<HTMLElement>('[role="tab"]')];
        const at = tabs.indexOf(document.activeElement as HTMLElement);
        if (at < 0 || tabs.length === 0) return;
        const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
        if (next === undefined) return;
        event.preventDefault();
        const tab = tabs[(next + tabs.length) % tabs.length];
        tab.focus();
        tab.click();
      });
    },
  },
};

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function openDialog(host: HTMLElement): HTMLElement | null {
  return host.querySelector<HTMLElement>("dialog[open]");
}

/** A dialog that has just opened gets the focus; one that has just closed gives it back. */
function followDialog(context: HookContext): void {
  const dialog = openDialog(context.el);
  if (dialog === context.dialog) return;
  if (dialog !== null && context.dialog == null) context.before = document.activeElement;
  context.dialog = dialog;
  if (dialog !== null) {
    if (!dialog.contains(document.activeElement)) (dialog.querySelector<HTMLElement>("[autofocus]") ?? dialog.querySelector<HTMLElement>(FOCUSABLE) ?? dialog).focus();
    return;
  }
  const before = context.before as HTMLElement | null;
  context.before = null;
  if (before?.isConnected) before.focus();
}

/** Tab and Shift+Tab at the dialog's edges go round to its other edge. */
function trapTab(event: KeyboardEvent, dialog: HTMLElement | null): void {
  if (event.key !== "Tab" || dialog === null) return;
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
  if (controls.length === 0) return event.preventDefault();
  const first = controls[0];
  const last = controls[controls.length - 1];
  const inside = dialog.contains(document.activeElement);
  if (event.shiftKey && (document.activeElement === first || !inside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
    event.preventDefault();
    first.focus();
  }
}
