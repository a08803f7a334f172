/**
 * The baseline pages of the Chromium phase (bench/pages/server.ts: the table in plain
 * JavaScript, and the whole-HTML page that talks to bench/servers/html.ts), served from a
 * process of their own like every bench server. Nothing is served after a page's load.
 */
import { servePages } from "../pages/server.js";
import { serveControl } from "./control.js";

const pages = await servePages();
serveControl(Number(new URL(pages.url).port));
