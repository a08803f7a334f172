import { serve, type RunningServer } from "../../src/index.js";
import { galleryOptions } from "../../examples/gallery.js";

/** The gallery, as `npm start` serves it, on a free loopback port, in-process. */
export function serveExamples(options: { dev?: boolean } = {}): Promise<RunningServer> {
  return serve({ port: 0, host: "127.0.0.1", dev: options.dev ?? true, ...galleryOptions() });
}
