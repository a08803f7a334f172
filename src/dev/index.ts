/**
 * `tether dev`: the app runs with its components swapped in place as their files change
 * (state kept, no reload), an error overlay in its pages and stylesheets reloaded without a
 * render. The parts, as a change meets them:
 *
 *   supervisor.ts     the command's process: runs the app's process, and a new one on a restart
 *   worker.ts         the app's process: Vite's module runner loads the app, the watcher reports changes
 *   hot-reloader.ts   a changed file: modules executed again up to those swapped, a stylesheet, or a restart
 *   app-modules.ts    which modules are swapped (components only), their components' versions
 *   dev-channel.ts    the server's DevHost: the page script, the event stream to the tabs, errors
 *   error-report.ts   an error as the overlay shows it: location, code frame, stack
 *   page-script.ts    what runs in the page: the overlay, stylesheet and image reloads
 *
 * The swap itself is the diff's (diff/swap.ts) on components' versions (component/versions.ts).
 */
export { runDev, RESTART_EXIT_CODE } from "./supervisor.js";
