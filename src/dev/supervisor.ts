import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { keepSnapshotsFor } from "./snapshot-relay.js";

/** The exit code by which the app's process asks for a new one (see worker.ts). */
export const RESTART_EXIT_CODE = 75;

/** How long the app's process has to close its servers after SIGINT or SIGTERM. */
const STOP_GRACE_MS = 10_000;

/**
 * `tether dev [entry]`: runs the app in a process of its own (worker.ts) and starts a new one
 * each time that process asks for it (a change that cannot be swapped in place). A restart is a
 * new process rather than the entry run again in this one: an app holds servers, pools and
 * timers that only the end of its process is sure to release, and the port is free for the next.
 * The sessions' states are kept here meanwhile, so each tab resumes its own in the next process.
 * SIGINT and SIGTERM go to the app's process, and this one ends as it does.
 */
export function runDev(entry: string | undefined): void {
  // The worker as the same kind of file as this one: worker.ts from the sources, worker.js built.
  const worker = fileURLToPath(new URL(`./worker${import.meta.url.slice(import.meta.url.lastIndexOf("."))}`, import.meta.url));
  let child: ChildProcess;
  let stopping: NodeJS.Signals | null = null;
  // One key for every process of this run (unless the app has its own): a tab's join token,
  // signed by the process before a restart, is good in the next one, so the tab rejoins there.
  const env = { ...process.env, TETHER_SECRET: process.env.TETHER_SECRET || randomBytes(32).toString("base64url") };

  // The app's sessions, kept across its restarts: a tab reconnects to the next process and resumes.
  const snapshots = keepSnapshotsFor(() => child);

  const start = () => {
    // An IPC channel besides the app's output: its sessions' snapshots are kept here (snapshot-relay.ts).
    child = spawn(process.execPath, [...process.execArgv, worker, ...(entry === undefined ? [] : [entry])], { stdio: ["inherit", "inherit", "inherit", "ipc"], env });
    child.on("message", snapshots);
    child.once("exit", (code, signal) => {
      if (stopping === null && code === RESTART_EXIT_CODE) return start();
      if (stopping !== null) {
        // Ended by the signal, as the app would have been without tether dev.
        process.removeAllListeners(stopping);
        process.kill(process.pid, stopping);
        return;
      }
      process.exit(code ?? (signal === null ? 1 : 128));
    });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      // A second signal, or an app that has not ended 10 s after the first, is ended at once.
      if (stopping !== null) return void child.kill("SIGKILL");
      stopping = signal;
      child.kill(signal);
      setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS).unref();
    });
  }
  start();
}
