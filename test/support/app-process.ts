/**
 * An app run as its user runs it, in a process of its own (`npm start`, `node --import tsx
 * app.ts`): the URL it prints, the processes it started (read from /proc), signals sent to it
 * alone, and how it ended. Tests stop only what they started: the process spawned here, by its
 * PID; its descendants are only looked at.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";

/** The repository's root: where `npm start` runs and relative recipe paths start. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** How a process ended: its exit code, or the signal that ended it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class AppProcess {
  readonly child: ChildProcess;
  /** What it printed so far, stdout and stderr together. */
  output = "";
  readonly exited: Promise<Exit>;
  /** The first `http(s)://127.0.0.1:port` it printed (set once `start` resolves). */
  url = "";
  /** The descendants found last (see `descendants`). */
  private seen: number[] = [];

  private constructor(child: ChildProcess) {
    this.child = child;
    const collect = (data: Buffer) => (this.output += data.toString());
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    this.exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  }

  /**
   * Runs `command` in `cwd` (default: the repository's root) with `env` added to the environment
   * (HOST is 127.0.0.1, where tests listen), and resolves once it prints the URL it serves (an
   * app that ends or stays silent for `timeout` ms fails).
   */
  static async start(command: string, args: string[], env: Record<string, string> = {}, timeout = 30_000, cwd = ROOT): Promise<AppProcess> {
    const app = new AppProcess(spawn(command, args, { cwd, env: { ...process.env, HOST: "127.0.0.1", ...env }, stdio: ["ignore", "pipe", "pipe"] }));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(`printed no URL within ${timeout} ms`), timeout);
      const fail = (why: string) => {
        clearTimeout(timer);
        app.child.kill("SIGKILL");
        reject(new Error(`${command} ${args.join(" ")} ${why}:\n${app.output}`));
      };
      const look = () => {
        const url = /https?:\/\/127\.0\.0\.1:\d+/.exec(app.output)?.[0];
        if (url === undefined) return;
        clearTimeout(timer);
        app.child.stdout!.off("data", look);
        app.url = url;
        resolve();
      };
      app.child.stdout!.on("data", look);
      void app.exited.then((exit) => fail(`ended (${exit.signal ?? exit.code})`));
    });
    return app;
  }

  /** Resolves once it has printed `text`. */
  printed(text: string): Promise<void> {
    return new Promise((resolve) => {
      const look = () => {
        if (!this.output.includes(text)) return;
        this.child.stdout!.off("data", look);
        resolve();
      };
      this.child.stdout!.on("data", look);
      look();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  /** The processes it started, and theirs: read before a signal, since an orphan gets a new parent. */
  descendants(): number[] {
    const children = new Map<number, number[]>();
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      const stat = readStat(Number(name));
      if (stat === null) continue;
      const siblings = children.get(stat.ppid) ?? [];
      siblings.push(Number(name));
      children.set(stat.ppid, siblings);
    }
    const found: number[] = [];
    const visit = (pid: number) => {
      for (const child of children.get(pid) ?? []) {
        found.push(child);
        visit(child);
      }
    };
    visit(this.pid);
    this.seen = found;
    return found;
  }

  /** Sends `signal` to this process only (not its group: what `kill <pid>` does). */
  signal(signal: NodeJS.Signals): void {
    process.kill(this.pid, signal);
  }

  /** Ends it at once if it is still running, and what it started that `descendants` saw (a test's cleanup). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      // Read its tree while it holds it: once it is killed, what it started is an orphan (npm's
      // `exec`'d server outlives a SIGKILL of npm).
      const earlier = this.seen;
      this.seen = [...new Set([...earlier, ...this.descendants()])];
      this.child.kill("SIGKILL");
    }
    for (const pid of this.seen) if (isRunning(pid)) process.kill(pid, "SIGKILL");
  }
}

/** Whether process `pid` runs (a zombie, ended and waiting to be reaped, does not). */
export function isRunning(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== null && stat.state !== "Z" && stat.state !== "X";
}

/** Whether something accepts connections on 127.0.0.1:`port`. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A process's state and parent from /proc/<pid>/stat; null if it is gone. */
function readStat(pid: number): { state: string; ppid: number } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
  const [state, ppid] = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { state, ppid: Number(ppid) };
}
