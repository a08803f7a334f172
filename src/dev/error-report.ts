import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { DevEvent } from "./page-script.js";

/** Lines shown on each side of the failing one in a code frame. */
const CONTEXT = 2;

/**
 * What the overlay shows of an error: its message, where it happened (file:line:column relative
 * to the project), a code frame and the stack. A transform error (a syntax or import error) from
 * Vite (or Rolldown, its transformer) carries its location and frame; a thrown error is placed at the first frame of its stack
 * that is a project file (not in node_modules), whose source maps Node has already applied.
 */
export function errorReport(error: unknown, where: string, root: string): DevEvent {
  const e = error instanceof Error ? error : new Error(String(error));
  // Vite's own errors carry `loc` and `frame`; Rolldown's transform errors, in `errors`, each.
  type Located = { loc?: { file?: string; line: number; column: number }; frame?: string; errors?: Located[] };
  const located = (e as Located).loc !== undefined ? (e as Located) : ((e as Located).errors?.find((x) => x.loc !== undefined) ?? {});
  const loc = located.loc;
  const viteFrame = located.frame;
  const place = loc?.file !== undefined ? { file: loc.file, line: loc.line, column: loc.column + 1 } : projectFrame(e.stack ?? "", root);
  const report: DevEvent = { type: "error", where, message: e.message, stack: e.stack };
  if (place !== null) {
    report.location = `${relative(root, place.file)}:${place.line}:${place.column}`;
    report.frame = viteFrame?.trim() || codeFrame(place.file, place.line, place.column);
  }
  return report;
}

interface Place {
  file: string;
  line: number;
  column: number;
}

/** The first stack frame in a file of the project, not of a package. */
function projectFrame(stack: string, root: string): Place | null {
  for (const match of stack.matchAll(/(?:\(|at )((?:file:\/\/)?\/[^():]+):(\d+):(\d+)/g)) {
    const file = match[1].startsWith("file://") ? fileURLToPath(match[1]) : match[1];
    if (!file.startsWith(root) || file.includes("/node_modules/")) continue;
    return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return null;
}

/** The source lines around `line`, numbered, the failing line marked and its column pointed at. */
export function codeFrame(file: string, line: number, column: number): string {
  let lines: string[];
  try {
    lines = readFileSync(file, "utf8").split("\n");
  } catch {
    return "";
  }
  const first = Math.max(1, line - CONTEXT);
  const last = Math.min(lines.length, line + CONTEXT);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    out.push(`${n === line ? ">" : " "} ${String(n).padStart(width)} | ${lines[n - 1]}`);
    if (n === line) out.push(`  ${" ".repeat(width)} | ${" ".repeat(Math.max(0, column - 1))}^`);
  }
  return out.join("\n");
}
