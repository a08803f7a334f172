/** resolveOptions: the documented defaults, filled in once, in one frozen object per server. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { memoryAdapter } from "../../src/pubsub/index.js";
import { defaultLayout } from "../../src/server/layout.js";
import { heartbeatDeadline, resolveOptions, sweepPeriod } from "../../src/server/options.js";
import { DEFAULT_RATE_LIMIT } from "../../src/session/rate-limit.js";
import { Counter } from "../../examples/counter.js";

const routes = { "/counter": Counter };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("resolveOptions", () => {
  it("fills in every documented default", () => {
    vi.stubEnv("NODE_ENV", "test");
    expect(resolveOptions({ routes })).toEqual({
      routes,
      basePath: "/_tether",
      dev: true,
      retention: 120_000,
      joinTimeout: 60_000,
      maxMessageSize: 1 << 20,
      layout: defaultLayout,
      navigation: true,
      notFound: undefined,
      onError: undefined,
      jsTimeout: 30_000,
      heartbeatInterval: 15_000,
      heartbeatTimeout: 10_000,
      compressionThreshold: 1024,
      perMessageDeflate: false,
      rateLimit: DEFAULT_RATE_LIMIT,
      handlerTimeout: 30_000,
      maxOutboxBytes: 8 << 20,
      maxBufferedBytes: 1 << 20,
      pollTimeout: 25_000,
      authorize: undefined,
      identify: undefined,
      secret: expect.any(Buffer), // random per process: see join-tokens.test.ts
      allowedOrigins: new Set(),
      trustProxy: false,
      csp: false,
      maxPendingSessions: 10_000,
      maxPendingPerClient: 64,
      maxConnectionsPerClient: 256,
      pubsub: expect.objectContaining({ presence: expect.objectContaining({ heartbeatInterval: 0 }) }), // a memory adapter
      maxPubSubMessageBytes: 64 * 1024,
      sessionSnapshots: false,
      maxSnapshotBytes: 256 * 1024,
      endpoints: [],
      services: undefined,
      islands: null,
      maxUploadBytesPerSession: 2 ** 30,
      maxUploadBytesPerProcess: 2 ** 32,
      uploadDirectory: undefined,
    });
  });

  it("keeps what is given", () => {
    const layout = () => "";
    const onError = () => {};
    const given = {
      routes,
      basePath: "/live",
      dev: false,
      retention: 1,
      joinTimeout: 2,
      maxMessageSize: 3,
      layout,
      navigation: false,
      notFound: () => "",
      onError,
      jsTimeout: 4,
      heartbeatInterval: 5,
      heartbeatTimeout: 6,
      compressionThreshold: 7,
      perMessageDeflate: true,
      rateLimit: { burst: 8, perSecond: 9 },
      handlerTimeout: 12,
      maxOutboxBytes: 10,
      maxBufferedBytes: 13,
      pollTimeout: 11,
      authorize: () => undefined,
      identify: () => "",
      secret: "a secret of sixteen bytes or more",
      trustProxy: true,
      csp: true,
      maxPendingSessions: 14,
      maxPendingPerClient: 15,
      maxConnectionsPerClient: 16,
      pubsub: memoryAdapter(),
      maxPubSubMessageBytes: 17,
      sessionSnapshots: true,
      maxSnapshotBytes: 18,
      endpoints: [],
      services: { db: "a service" },
      islands: "./islands",
      maxUploadBytesPerSession: 19,
      maxUploadBytesPerProcess: 20,
      uploadDirectory: "/srv/uploads",
    };
    expect(resolveOptions({ ...given, allowedOrigins: ["https://app.example.com/"] })).toEqual({ ...given, allowedOrigins: new Set(["https://app.example.com"]) });
  });

  it("is frozen", () => {
    const options = resolveOptions({ routes });
    expect(Object.isFrozen(options)).toBe(true);
    expect(() => {
      (options as { retention: number }).retention = 1;
    }).toThrow(TypeError);
  });

  it("defaults dev to NODE_ENV not being production", () => {
    vi.stubEnv("NODE_ENV", "production");
    expect(resolveOptions({ routes }).dev).toBe(false);
    vi.stubEnv("NODE_ENV", "development");
    expect(resolveOptions({ routes }).dev).toBe(true);
  });

  it("drops a trailing slash of the base path", () => {
    expect(resolveOptions({ routes, basePath: "/live/" }).basePath).toBe("/live");
  });

  it("reads compressionThreshold false as a threshold no message reaches", () => {
    expect(resolveOptions({ routes, compressionThreshold: false }).compressionThreshold).toBe(Infinity);
    expect(resolveOptions({ routes, compressionThreshold: 0 }).compressionThreshold).toBe(0);
  });
});

describe("sweepPeriod", () => {
  it("is half the shortest deadline the sweep keeps, and at least 10 ms", () => {
    expect(sweepPeriod(resolveOptions({ routes }))).toBe(5_000);
    expect(sweepPeriod(resolveOptions({ routes, retention: 400 }))).toBe(200);
    expect(sweepPeriod(resolveOptions({ routes, joinTimeout: 60 }))).toBe(30);
    expect(sweepPeriod(resolveOptions({ routes, heartbeatInterval: 4 }))).toBe(10);
  });
});

describe("heartbeatDeadline", () => {
  it("leaves a ping heartbeatTimeout to be answered, whenever in its sweep period it went out", () => {
    // Defaults: a ping goes out at the first sweep (every 5 s) after 15 s of silence, so at
    // 15–20 s; dropping after 30 s gives it at least the 10 s timeout.
    expect(heartbeatDeadline(resolveOptions({ routes }))).toBe(30_000);
    const options = resolveOptions({ routes, heartbeatInterval: 150, heartbeatTimeout: 150 });
    const latestPing = options.heartbeatInterval + sweepPeriod(options);
    expect(heartbeatDeadline(options) - latestPing).toBe(options.heartbeatTimeout);
  });
});
