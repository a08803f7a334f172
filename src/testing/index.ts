/**
 * `tether-live/test`: a live component tested without a browser. `render` serves a page, runs
 * the browser runtime on it in a happy-dom window and joins its session over an in-process
 * connection that carries the real wire; the view it returns is read with queries, acted on as
 * a user, and its page side (what page scripts do) is played by the test.
 */
export { render, cleanup, type RenderOptions, type ViewOptions } from "./render.js";
export { View, type Target } from "./view.js";
export type { TestClock } from "./fake-clock.js";
export { ViewElement } from "./view-element.js";
export type { TextMatch, FieldValue } from "./values.js";
export type { PageMock, ExecuteJsMock, ExecutedJs, EmittedEvent } from "./page-mock.js";
export type { TestRequest } from "./request.js";
export type { TestFile, TestUploadOptions, UploadProgress } from "./upload.js";
