/** Linked windows' calls on the page bridge. Part of the wire protocol (wire.ts re-exports it). */

/**
 * The calls of the page's linked-windows script (runtime/windows.ts), through `tether.call`;
 * `Open` is the function it exposes for the server's `openWindow` (`callClient`), and `Event`
 * the event (`emit`) that brings it the messages and news of its parent and children.
 */
export const WindowCalls = {
  State: "tether:windows.state",
  Link: "tether:windows.link",
  EmitToParent: "tether:windows.emitToParent",
  SendToChild: "tether:windows.sendToChild",
  BroadcastToChildren: "tether:windows.broadcastToChildren",
  CloseChildren: "tether:windows.closeChildren",
  Open: "tether:windows.open",
  Event: "tether:windows",
} as const;
