/**
 * What the README's code blocks take as the reader's own code: their database, their
 * components, the page's `tether`. test/docs/readme.test.ts imports from here exactly the names a
 * block uses and does not declare itself, so each block reads as it would in an app.
 */
import type { IncomingMessage } from "node:http";
import type { Component, ComponentType, LiveEvent } from "tether-live";
import type { AuroraViewAlias, TetherPage, WindowsPage } from "tether-live/client";

export declare const db: { find(query: string): Promise<string[]> };
export declare const users: { add(email: string): Promise<void> };
export declare const fs: typeof import("node:fs/promises");
export declare function currentUser(cookies: Record<string, string | undefined>): User | null;
export interface User {
  id: string;
  name: string;
}

/** Pages of an app, as the routes in the README name them. */
export declare const Home: ComponentType;
export declare const User: ComponentType;
export declare const Dashboard: ComponentType;
export declare const Admin: ComponentType;
/** A tool panel's component (README's "Tool panels"). */
export declare const Panel: ComponentType;
export declare class Counter extends Component {
  render(): null;
}

/** In page code: the runtime's `window.tether` (with linked windows' calls on routes with `windows: true`), and `window.auroraview` on routes with `auroraview: true`. */
export declare const tether: TetherPage & WindowsPage;
export declare const auroraview: AuroraViewAlias;
export declare const request: IncomingMessage;
