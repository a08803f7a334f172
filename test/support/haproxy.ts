/**
 * Debian's HAProxy as the load balancer in front of several app processes, started by the test
 * that uses it (installed by .ci/run): sticky by a cookie it sets on the page's response, so a
 * tab's page, WebSocket and long-poll reach one process; a tab whose process is down is sent to
 * another (`option redispatch`, health checks every 200 ms). Stopped by its PID.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A free port on 127.0.0.1 (asked of the system, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class HaProxy {
  readonly url: string;
  private readonly child: ChildProcess;
  private readonly dir: string;
  output = "";

  private constructor(child: ChildProcess, dir: string, port: number) {
    this.child = child;
    this.dir = dir;
    this.url = `http://127.0.0.1:${port}`;
    child.stdout!.on("data", (d: Buffer) => (this.output += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (this.output += d.toString()));
  }

  /** Balances over `backends` (name → port), health-checking `healthPath`; resolves once it accepts connections. */
  static async start(backends: Record<string, number>, healthPath: string): Promise<HaProxy> {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), "tether-haproxy-"));
    const servers = Object.entries(backends).map(([name, p]) => `  server ${name} 127.0.0.1:${p} cookie ${name} check inter 200 fall 1 rise 1`);
    const config = [
      "global",
      "  maxconn 512",
      "defaults",
      "  mode http",
      "  timeout connect 1s",
      "  timeout client 60s",
      "  timeout server 60s",
      "  timeout tunnel 60s",
      "  option redispatch",
      "  retries 3",
      "frontend web",
      `  bind 127.0.0.1:${port}`,
      "  default_backend apps",
      "backend apps",
      "  balance roundrobin",
      "  cookie TETHER_NODE insert indirect nocache",
      `  option httpchk GET ${healthPath}`,
      ...servers,
      "",
    ].join("\n");
    writeFileSync(join(dir, "haproxy.cfg"), config);
    const child = spawn("haproxy", ["-f", join(dir, "haproxy.cfg"), "-db"], { stdio: ["ignore", "pipe", "pipe"] });
    const proxy = new HaProxy(child, dir, port);
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`haproxy ended: ${proxy.output}`);
      const ok = await fetch(`${proxy.url}${healthPath}`).then((r) => r.ok, () => false);
      if (ok) return proxy;
      if (Date.now() > deadline) throw new Error(`haproxy did not answer within 10 s: ${proxy.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    rmSync(this.dir, { recursive: true, force: true });
  }
}
