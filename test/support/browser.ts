import { execFileSync } from "node:child_process";
import { chromium, type Browser } from "playwright-core";

/** Debian's chromium on the PATH; tests never download a browser. */
export function chromiumPath(): string {
  const path = execFileSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], { encoding: "utf8" }).trim();
  if (!path) throw new Error("chromium is not installed: run `apt-get install chromium` (see .ci/run)");
  return path;
}

/** `extraArgs`: flags one suite needs besides the usual ones (`--ignore-certificate-errors` for a test certificate). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...extraArgs,
    ],
  });
}
