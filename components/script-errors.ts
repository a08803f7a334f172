/**
 * What an awaited `ui` call of a script throws once its session has ended (the tab closed and
 * did not come back, or the session was ended): the script's `ui.signal` is aborted with it, so
 * a `fetch(url, { signal: ui.signal })` stops too. A script need not catch it: `script()` does,
 * and ends quietly. Catch it only to clean up (or use `finally`).
 */
export class ScriptAbortedError extends Error {
  constructor() {
    super("Tether: the script's session ended");
    this.name = "ScriptAbortedError";
  }
}

/** What an awaited input rejects with when the user cancels it (unless its options give a `cancelValue`). */
export class InputCanceledError extends Error {
  constructor(label: string) {
    super(`Tether: the input ${JSON.stringify(label)} was canceled`);
    this.name = "InputCanceledError";
  }
}
