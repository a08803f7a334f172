import { serve, type RunningServer } from "../../src/index.js";
import { Counter } from "../../examples/counter.js";
import { List } from "../../examples/list.js";
import { Table } from "../../examples/table.js";

/** The examples, served on a free loopback port, in-process. */
export function serveExamples(options: { dev?: boolean } = {}): Promise<RunningServer> {
  return serve({
    port: 0,
    host: "127.0.0.1",
    dev: options.dev ?? true,
    routes: { "/counter": Counter, "/list": List, "/table": Table },
  });
}
