/**
 * Tether: live server components. The server-side API.
 */
export { html } from "./template/html.js";
export { h } from "./template/h.js";
export { raw } from "./template/raw.js";
export { JS, ClientCommands, type ShowOptions } from "./template/client-commands.js";
export { island, type IslandOptions } from "./template/island.js";
export { Fragment, type VNode, type Child, type Renderable, type ComponentType } from "./vnode/vnode.js";
export { Component, type FunctionComponent } from "./component/component.js";
export type { ComponentSession, ExecuteJsOptions, CallClientOptions, CallHandler, PageEventHandler } from "./component/component-session.js";
export type { ChildWindow, ParentWindow, OpenWindowOptions, ChildMessageHandler, ParentMessageHandler } from "./component/linked-window.js";
export type { DownloadFile } from "./component/download-file.js";
export { LiveList, type LiveListOptions } from "./component/live-list.js";
export { Upload, type UploadEntry, type UploadError, type UploadOptions, type UploadedFile, type UploadWriter, type ExternalTarget, type UploadService } from "./component/upload.js";
export { LiveSession, type Transport } from "./session/live-session.js";
export type { NavigateOptions } from "./session/session-navigation.js";
export { NotFound } from "./server/not-found.js";
export type { LiveEvent, EventHandler } from "./template/event-handler.js";
export { JsExecutionError, JsExecutionTimeout, NotConnectedError } from "./session/errors.js";
export { createTether, type Tether } from "./server/tether.js";
export type { TetherOptions, ErrorSession } from "./server/options.js";
export { endpoint, type Endpoint, type EndpointHandlers } from "./server/endpoint.js";
export { EndpointConnection } from "./server/endpoint-connection.js";
export { serve, type ServeOptions, type RunningServer, type Fallback } from "./server/serve.js";
export type { Route, RouteOptions, RouteProps } from "./server/routes.js";
export { redirect, deny, Refusal, type Authorize, type PageRequest, type Identify } from "./server/authorize.js";
export { defaultLayout, type Layout, type PageParts, type LayoutParts, type TrustedHtml } from "./server/layout.js";
export { LiveTree, type DiffStats } from "./diff/index.js";
export { PROTOCOL_VERSION } from "./protocol/wire.js";
export { ProtocolError } from "./protocol/validate.js";
export { PubSub, Presence, memoryAdapter, redisAdapter, MAX_MESSAGE_BYTES } from "./pubsub/index.js";
export type {
  PubSubAdapter, PresenceStore, PresenceEntry, HeartbeatResult, JsonValue, MessageHandler, Unsubscribe, PubSubOptions,
  PresenceDiff, PresenceHandler, PresenceList, Untrack, RedisAdapterOptions,
} from "./pubsub/index.js";
