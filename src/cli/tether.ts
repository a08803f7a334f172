#!/usr/bin/env node
/**
 * The `tether` command (the package's bin):
 *   tether dev [entry]   run the app (default src/server.ts) with hot swap, the error overlay and CSS reload
 *   tether new <dir>     make a new project in <dir>
 */
import { runDev } from "../dev/index.js";
import { newProject } from "./new-project.js";

const USAGE = `Usage:
  tether dev [entry]   run the app (default: src/server.ts) with components swapped as you edit them
  tether new <dir>     make a new project in <dir>, then: cd <dir> && npm install && npm run dev
`;

const [command, arg] = process.argv.slice(2);
if (command === "dev") runDev(arg);
else if (command === "new" && arg !== undefined) {
  try {
    newProject(arg);
  } catch (error) {
    console.error(`tether new: ${(error as Error).message}`);
    process.exit(1);
  }
} else {
  process.stdout.write(USAGE);
  process.exit(command === undefined || command === "help" || command === "--help" ? 0 : 1);
}
