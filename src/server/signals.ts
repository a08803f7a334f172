/**
 * Stopping on a signal: Ctrl-C in a terminal (SIGINT), or a process manager's stop (SIGTERM:
 * `kill`, systemd, Docker, Kubernetes, npm passing on either). The servers `serve()` started
 * close, so their tabs are told to reconnect (SessionClose.GoingAway) and the port is freed;
 * then the process ends by the signal, as it would have without Tether (its exit status says
 * so), unless the app listens for that signal itself: then ending the process is the app's.
 *
 * Node's default for these signals is to end the process at once; a listener replaces it. So
 * Tether's is removed as soon as the signal comes: a second Ctrl-C while the servers close
 * ends the process at once, as usual.
 */

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** How each running server closes, while it runs: one listener per signal serves them all. */
const running = new Set<() => Promise<void>>();

/**
 * Closes a server (`close`) on SIGINT and SIGTERM. The function returned forgets it: call it
 * when the server is closed otherwise.
 */
export function closeOnSignals(close: () => Promise<void>): () => void {
  if (running.size === 0) for (const signal of SIGNALS) process.on(signal, stopAll);
  running.add(close);
  return () => {
    if (running.delete(close) && running.size === 0) removeListeners();
  };
}

function stopAll(signal: NodeJS.Signals): void {
  const closing = [...running].map((close) => close());
  running.clear();
  removeListeners();
  Promise.allSettled(closing).then((results) => {
    for (const result of results) if (result.status === "rejected") console.error("[tether] closing on " + signal + " failed:", result.reason);
    // Asked now, not when the signal came: the app may have added a listener meanwhile.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

function removeListeners(): void {
  for (const signal of SIGNALS) process.off(signal, stopAll);
}
