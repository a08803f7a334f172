import type { RouteOptions } from "tether-live";
import { Bmi } from "./bmi.js";
import { Bridge, BRIDGE_FILES, BRIDGE_SCRIPT } from "./bridge.js";
import { Chat } from "./chat.js";
import { Counter } from "./counter.js";
import { Dashboard } from "./dashboard.js";
import type { StaticFile } from "./files.js";
import { Csp, CSP_PAGE_SCRIPT } from "./csp.js";
import { Echo, ECHO_PAGE_SCRIPT } from "./echo.js";
import { List } from "./list.js";
import { Menu } from "./menu.js";
import { Islands } from "./islands.js";
import { Hooks, HOOKS_FILES, HOOKS_SCRIPT } from "./hooks.js";
import { Panel } from "./panel/panel.js";
import { PersonPage, ProfileList } from "./profile.js";
import { Script } from "./script.js";
import { SignupPage } from "./signup.js";
import { Table } from "./table.js";
import { TodoPage } from "./todo.js";
import { Files } from "./uploads.js";
import { ITEM_PATH, WindowItem, Windows } from "./windows.js";

/** One example of the gallery: its page, its card on the gallery page and its source file. */
export interface Example {
  path: string;
  title: string;
  /** One line for its card. */
  about: string;
  /** Its file in examples/, shown read-only at `/source/<file>`. */
  source: string;
  /** Its route; the title is the example's own. */
  route: Omit<RouteOptions, "title">;
  /** Files its page loads (its page scripts), by URL. */
  files?: Record<string, StaticFile>;
  /** Its other pages, by route pattern (below its path: the header marks the example on them too), each with its title. */
  routes?: Record<string, RouteOptions>;
  /** Other pages of the example, by path (a window it opens): served, not in the navigation. */
  pages?: Record<string, RouteOptions>;
}

/** The chat's own styles (beside the gallery's stylesheet, which every page links). */
export const CHAT_STYLESHEET = "/chat.css";

/** Where the source file `file` of examples/ is shown, read-only. */
export const sourceUrl = (file: string): string => `/source/${file}`;

/** The examples, in the order of the gallery's navigation. */
export const examples: readonly Example[] = [
  { path: "/counter", title: "Counter", about: "State on the server, one small patch per click.", source: "counter.ts", route: { component: Counter } },
  { path: "/list", title: "Keyed list", about: "Reorders move DOM nodes: typed text stays with its row.", source: "list.ts", route: { component: List } },
  { path: "/signup", title: "Sign-up form", about: "Live validation on the server: async checks, rules, matching fields.", source: "signup.ts", route: { component: SignupPage } },
  { path: "/todo", title: "Todo", about: "Add, done, delete, filter; Enter empties the field.", source: "todo.ts", route: { component: TodoPage } },
  { path: "/bmi", title: "BMI script", about: "A PyWebIO-style script: it awaits your answers; a quiz with scopes, toasts, a popup.", source: "bmi.ts", route: { component: Bmi } },
  { path: "/dashboard", title: "Dashboard", about: "Tables with spans, tabs, progress bars and a log that follows its end.", source: "dashboard.ts", route: { component: Dashboard } },
  { path: "/table", title: "Table", about: "The js-framework-benchmark operations, 1,000 to 10,000 rows.", source: "table.ts", route: { component: Table } },
  { path: "/script", title: "Script console", about: "The server runs code in the tab: executeJs, getJsResult.", source: "script.ts", route: { component: Script } },
  {
    path: "/bridge",
    title: "Bridge",
    about: "Page scripts call the server; the server emits to the page.",
    source: "bridge.ts",
    route: { component: Bridge, scripts: [BRIDGE_SCRIPT], auroraview: true },
    files: BRIDGE_FILES,
  },
  { path: "/chat", title: "Chat", about: "Rooms, who's online, who's typing: pub/sub and presence, across processes with Redis.", source: "chat.ts", route: { component: Chat, head: `<link rel="stylesheet" href="${CHAT_STYLESHEET}">` } },
  {
    path: "/profile",
    title: "Profile",
    about: "A list and a page per person: live navigation between them, back and forward; an avatar upload with its preview.",
    source: "profile.ts",
    // The uploads' script on the list too: a person's page, reached by live navigation, has one.
    route: { component: ProfileList, uploads: true },
    routes: { "/profile/:id": { component: PersonPage, title: "Person · Profile · Tether", uploads: true } },
  },
  { path: "/echo", title: "WebSocket endpoint", about: "A WebSocket of the app's own: JSON echo and broadcast.", source: "echo.ts", route: { component: Echo, head: ECHO_PAGE_SCRIPT } },
  {
    path: "/panel",
    title: "Tool panel",
    about: "This server's log and vitals, live: filter, pause, run commands in the page.",
    source: "panel/panel.ts",
    route: { component: Panel },
  },
  { path: "/islands", title: "Islands", about: "Widgets that live in the browser: own state, server props, a streaming chart.", source: "islands.ts", route: { component: Islands } },
  { path: "/menu", title: "Menu and modal", about: "Client commands: a dropdown and a modal with no round trip.", source: "menu.ts", route: { component: Menu } },
  {
    path: "/hooks",
    title: "Element hooks",
    about: "A box measured in the page by its hook; the size pushed to the server.",
    source: "hooks.ts",
    route: { component: Hooks, scripts: [HOOKS_SCRIPT] },
    files: HOOKS_FILES,
  },
  { path: "/files", title: "Files", about: "Uploads: many large files by drag and drop, progress, cancel, resumed after a cut.", source: "uploads.ts", route: { component: Files } },
  {
    path: "/windows",
    title: "Windows",
    about: "Detail windows linked to the list that opened them: edits come back live, one click refreshes them all.",
    source: "windows.ts",
    route: { component: Windows, windows: true },
    pages: { [ITEM_PATH]: { component: WindowItem, title: "Item · Windows · Tether", windows: true } },
  },
  {
    path: "/csp",
    title: "Strict CSP",
    about: "A page under script-src 'nonce-…': everything works but eval.",
    source: "csp.ts",
    route: { component: Csp, head: CSP_PAGE_SCRIPT, csp: true },
  },
];
