/**
 * isAllowedOrigin (origin.ts): a page of this very site, or one the app allows, may connect;
 * another site's page may not; a request without Origin (no browser's cross-site request) may.
 * X-Forwarded-* count only with trustProxy.
 */
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { isAllowedOrigin, originSet } from "../../src/server/origin.js";

const request = (headers: Record<string, string>, encrypted = false) => ({ headers, socket: { encrypted } }) as unknown as IncomingMessage;
const NONE = originSet([]);

describe("isAllowedOrigin", () => {
  it("allows the request's own origin, by scheme and host, and no other", () => {
    expect(isAllowedOrigin(request({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }), NONE, false)).toBe(true);
    expect(isAllowedOrigin(request({ host: "App.Example.com", origin: "https://app.example.com" }, true), NONE, false)).toBe(true);
    expect(isAllowedOrigin(request({ host: "127.0.0.1:3000", origin: "https://evil.example" }), NONE, false)).toBe(false);
    expect(isAllowedOrigin(request({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3001" }), NONE, false)).toBe(false);
    expect(isAllowedOrigin(request({ host: "app.example.com", origin: "http://app.example.com" }, true), NONE, false)).toBe(false);
    expect(isAllowedOrigin(request({ host: "127.0.0.1:3000", origin: "null" }), NONE, false)).toBe(false);
    expect(isAllowedOrigin(request({ origin: "http://127.0.0.1:3000" }), NONE, false)).toBe(false);
  });

  it("reads an HTTP/2 request's host from :authority (it has no Host header)", () => {
    expect(isAllowedOrigin(request({ ":authority": "127.0.0.1:3443", origin: "https://127.0.0.1:3443" }, true), NONE, false)).toBe(true);
    expect(isAllowedOrigin(request({ ":authority": "127.0.0.1:3443", origin: "https://evil.example" }, true), NONE, false)).toBe(false);
  });

  it("allows a request without Origin: no browser sends a cross-site request without one", () => {
    expect(isAllowedOrigin(request({ host: "127.0.0.1:3000" }), NONE, false)).toBe(true);
  });

  it("allows the origins the app lists, written as a browser writes them", () => {
    const allowed = originSet(["https://app.example.com/", "http://localhost:5173"]);
    expect(isAllowedOrigin(request({ host: "api.example.com", origin: "https://app.example.com" }), allowed, false)).toBe(true);
    expect(isAllowedOrigin(request({ host: "api.example.com", origin: "http://localhost:5173" }), allowed, false)).toBe(true);
    expect(isAllowedOrigin(request({ host: "api.example.com", origin: "https://evil.example" }), allowed, false)).toBe(false);
    expect(() => originSet(["not an origin"])).toThrow(/allowedOrigins/);
  });

  it("believes X-Forwarded-Proto and -Host only with trustProxy", () => {
    const proxied = request({ host: "10.0.0.5:3000", "x-forwarded-host": "app.example.com", "x-forwarded-proto": "https", origin: "https://app.example.com" });
    expect(isAllowedOrigin(proxied, NONE, true)).toBe(true);
    expect(isAllowedOrigin(proxied, NONE, false)).toBe(false);
    const spoofed = request({ host: "127.0.0.1:3000", "x-forwarded-host": "evil.example", origin: "http://evil.example" });
    expect(isAllowedOrigin(spoofed, NONE, false)).toBe(false);
  });
});
