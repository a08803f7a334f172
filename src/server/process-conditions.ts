/**
 * The export conditions this process resolves packages with (`node --conditions=…`, also in
 * NODE_OPTIONS), for the bundlers it runs to resolve as it does: in this repository
 * `tether-source` makes "tether-live/…" the sources, in an installed package there is none.
 */
export function processConditions(): string[] {
  const out: string[] = [];
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith("--conditions=")) out.push(arg.slice(13));
    else if ((arg === "--conditions" || arg === "-C") && args[i + 1] !== undefined) out.push(args[++i]);
  }
  return out;
}
