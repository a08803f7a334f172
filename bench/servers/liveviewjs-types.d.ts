/**
 * The part of LiveViewJS's types the benchmark server uses. liveviewjs 0.8.1 and
 * @liveviewjs/express 0.8.1 ship .d.ts files, but their package.json `exports` have no
 * `types` condition, so TypeScript's NodeNext resolution cannot find them.
 */
declare module "liveviewjs" {
  /** What a LiveView's `render` returns: statics and dynamics of an `html` template. */
  export interface LiveViewTemplate {
    toString(): string;
  }
  export interface LiveViewSocket<TContext extends object = Record<string, unknown>> {
    readonly context: TContext;
    /** False while the page GET renders, true once a WebSocket joined. */
    readonly connected: boolean;
    assign(context: Partial<TContext>): void;
    /** Messages broadcast to `topic` are delivered to the view's `handleInfo`. */
    subscribe(topic: string): Promise<void>;
  }
  export abstract class BaseLiveView<
    TContext extends object = Record<string, unknown>,
    TEvents extends { type: string } = { type: string },
    TInfos extends { type: string } = { type: string },
  > {
    mount(socket: LiveViewSocket<TContext>, session: object, params: object): void | Promise<void>;
    handleParams(url: URL, socket: LiveViewSocket<TContext>): void | Promise<void>;
    handleEvent(event: TEvents, socket: LiveViewSocket<TContext>): void | Promise<void>;
    handleInfo(info: TInfos, socket: LiveViewSocket<TContext>): void | Promise<void>;
    abstract render(context: TContext, meta: object): LiveViewTemplate | Promise<LiveViewTemplate>;
  }
  /** LiveViewJS's in-process pub/sub (one EventEmitter), the server's default. */
  export interface PubSub {
    subscribe<T extends { type: string }>(topic: string, subscriber: (data: T) => void): Promise<string>;
    unsubscribe(topic: string, subscriberId: string): Promise<void>;
    broadcast<T extends { type: string }>(topic: string, data: T): Promise<void>;
  }
  export class SingleProcessPubSub implements PubSub {
    subscribe<T extends { type: string }>(topic: string, subscriber: (data: T) => void): Promise<string>;
    unsubscribe(topic: string, subscriberId: string): Promise<void>;
    broadcast<T extends { type: string }>(topic: string, data: T): Promise<void>;
  }
  export function html(statics: TemplateStringsArray, ...dynamics: unknown[]): LiveViewTemplate;
  export function safe(value: unknown): LiveViewTemplate;
  export type LiveViewRouter = Record<string, BaseLiveView<never, never>>;
}

declare module "@liveviewjs/express" {
  import type { RequestHandler } from "express";
  import type { WebSocketServer } from "ws";
  import type { LiveViewRouter, LiveViewTemplate, PubSub } from "liveviewjs";
  export class NodeExpressLiveViewServer {
    constructor(
      router: LiveViewRouter,
      htmlPageTemplate: (title: { title: string }, csrfToken: string, content: LiveViewTemplate) => LiveViewTemplate,
      liveTitleOptions: { title: string; prefix?: string; suffix?: string },
      options?: { serDeSigningSecret?: string; pubSub?: PubSub },
    );
    httpMiddleware(): RequestHandler;
    wsMiddleware(): (wsServer: WebSocketServer) => Promise<void>;
  }
}
