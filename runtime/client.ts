/**
 * Typed access to the page bridge for bundled front-end code:
 *
 *   import { getTether } from "tether-live/client";
 *   import type { TodoApi } from "../server/todo-api";   // the object you pass to bindApi
 *   const tether = getTether<TodoApi>();
 *   const item = await tether.api.add({ title: "milk" }); // typed params and result
 *
 * The runtime script served by Tether creates `window.tether`; this module only types it.
 */
import type { TetherPage } from "./page-api.js";

export type { TetherPage, RemoteApi } from "./page-api.js";
export type { Hook, HookContext } from "./client/hooks.js";
export type { Island, IslandInstance } from "./client/islands.js";
export type { AuroraViewAlias, AuroraViewConfig, AuroraViewMethod } from "./auroraview-alias.js";
/** What `window.tether` also has on routes with `windows: true` (linked windows): `getTether() as TetherPage & WindowsPage`. */
export type { WindowsPage, PageChildWindow, PageParentWindow } from "./windows-api.js";

export function getTether<Api = Record<string, (...args: any[]) => unknown>>(): TetherPage<Api> {
  const tether = (globalThis as { tether?: unknown }).tether;
  if (tether === undefined) throw new Error("Tether's runtime is not on this page: load its <script> before your bundle");
  return tether as TetherPage<Api>;
}
