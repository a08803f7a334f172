/**
 * Server processes of a benchmark run: each server in its own Node process, pinned to core 0
 * with `taskset` while the load client (this process) runs on core 1, so the two never take
 * turns on one core. Every process started here is registered and killed when the run ends,
 * however it ends (normal exit, an exception, Ctrl-C).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { ReadyMessage, Usage } from "./servers/control.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SERVER_CORE = "0";
const CLIENT_CORE = "1";

/** Whether `taskset` is there and this machine has the two cores the method needs. */
export const pinning: { available: boolean; reason: string } = (() => {
  const probe = spawnSync("taskset", ["-p", String(process.pid)], { encoding: "utf8" });
  if (probe.error !== undefined || probe.status !== 0) return { available: false, reason: "taskset is not installed: servers and client ran unpinned" };
  // --all: the machine's cores, not this process's (once pinClient ran, nproc alone says 1).
  const cores = spawnSync("nproc", ["--all"], { encoding: "utf8" }).stdout.trim();
  if (Number(cores) < 2) return { available: false, reason: `only ${cores} core: servers and client ran unpinned` };
  return { available: true, reason: `servers on core ${SERVER_CORE}, load client and Chromium on core ${CLIENT_CORE} (taskset)` };
})();

/**
 * A full collection of this process's heap, the load client's. Its clients keep what they read
 * (the pages' models, a 10,000-row table among them) and allocate as they read: a scavenge of
 * that heap took 8–24 ms, and one that falls while an answer arrives is timed as that server's
 * round trip. Run in the pauses between timed operations, it never is. (`gc` of a process
 * started without --expose-gc: the flag set now, the function read from a fresh context.)
 */
export const collectClientGarbage: () => void = (() => {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
})();

/** Pins this process (every thread) to the client core; children it starts inherit it. */
export function pinClient(): void {
  if (pinning.available) spawnSync("taskset", ["-a", "-p", "-c", CLIENT_CORE, String(process.pid)]);
}

const running = new Set<ChildProcess>();

function killAll(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  running.clear();
}

process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** One server process, with its control channel (CPU time, memory, GC). */
export class ServerProcess {
  readonly name: string;
  readonly child: ChildProcess;
  port = 0;
  private nextRequest = 1;
  private readonly pending = new Map<number, (usage: Usage) => void>();
  private output = "";

  private constructor(name: string, child: ChildProcess) {
    this.name = name;
    this.child = child;
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-4000));
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    // BENCH_SHOW_STDERR and BENCH_SHOW_STDOUT pass a server's output through (timings, --trace-opt, while investigating).
    if (process.env.BENCH_SHOW_STDERR) child.stderr!.pipe(process.stderr);
    if (process.env.BENCH_SHOW_STDOUT) child.stdout!.pipe(process.stdout);
    child.on("message", (message: { id?: number } & Partial<Usage>) => {
      const resolve = message.id === undefined ? undefined : this.pending.get(message.id);
      if (resolve === undefined) return;
      this.pending.delete(message.id!);
      resolve(message as Usage);
    });
  }

  /** Starts `bench/servers/<file>` (with `env` added to this process's environment) and resolves once it listens. */
  static async start(name: string, file: string, env: Record<string, string> = {}): Promise<ServerProcess> {
    // BENCH_NODE_FLAGS adds flags for profiling a server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
    const extra = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
    // tether-source: "tether-live" in examples/ resolves to the sources the bench measures, as in tsconfig.
    const node = [process.execPath, "--expose-gc", "--conditions=tether-source", ...extra, "--import", "tsx", `bench/servers/${file}`];
    const [command, ...args] = pinning.available ? ["taskset", "-c", SERVER_CORE, ...node] : node;
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: { ...process.env, ...env, NODE_ENV: "production" },
    });
    running.add(child);
    child.on("exit", () => running.delete(child));
    const server = new ServerProcess(name, child);
    server.port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s:\n${server.output}`)), 30_000);
      child.on("message", (message: Partial<ReadyMessage>) => {
        if (message.ready !== true) return;
        clearTimeout(timer);
        resolve(message.port!);
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${code}) before listening:\n${server.output}`));
      });
    });
    return server;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The server's CPU time and memory now. */
  usage(): Promise<Usage> {
    return this.request("usage");
  }

  /** Collects garbage (several full GCs), then reports memory. */
  collect(): Promise<Usage> {
    return this.request("gc");
  }

  private request(op: "usage" | "gc"): Promise<Usage> {
    const id = this.nextRequest++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no answer to ${op}`)), 30_000);
      this.pending.set(id, (usage) => (clearTimeout(timer), resolve(usage)));
      this.child.send({ id, op });
    });
  }

  /** What the server printed last (for error messages). */
  get log(): string {
    return this.output;
  }

  /** Stops the server: SIGTERM, then SIGKILL if it has not exited within 2 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 2000);
    await exited;
    clearTimeout(timer);
  }
}
