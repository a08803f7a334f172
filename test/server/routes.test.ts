/**
 * Router.match: which route a URL reaches, and the props its component gets. URLs come from
 * page requests and joins, so anything in them is input.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NotFound } from "../../src/server/not-found.js";
import { parseUrl, Router } from "../../src/server/routes.js";

const Page = () => null;
const Other = () => null;
const router = new Router({ "/": Page, "/users/:id": { component: Other, title: "User" }, "/files/:dir/:name": Page });

describe("Router.match", () => {
  it("matches paths with and without a trailing slash, decoding params", () => {
    expect(router.match("/")?.component).toBe(Page);
    const user = router.match("/users/j%C3%BCrgen%20k/")!;
    expect(user.component).toBe(Other);
    expect(user.title).toBe("User");
    expect(user.props).toEqual({ params: { id: "jürgen k" }, query: {}, path: "/users/j%C3%BCrgen%20k/" });
    expect(router.match("/files/a/b.txt")!.props.params).toEqual({ dir: "a", name: "b.txt" });
    expect(router.match("/nowhere")).toBeNull();
  });

  it("shares one frozen empty object for a page without params or query", () => {
    const a = router.match("/")!.props;
    const b = router.match("/?")!.props;
    expect(a.params).toBe(b.params);
    expect(a.query).toBe(a.params);
    expect(Object.isFrozen(a.query)).toBe(true);
  });

  it("gives every session of such a page the same frozen props and content; others their own", () => {
    const first = router.match("/")!;
    const again = router.match("/?")!;
    expect(again.props).toBe(first.props);
    expect(again.content).toBe(first.content);
    expect(Object.isFrozen(first.props)).toBe(true);
    expect(first.content.type).toBe(Page);
    expect(first.content.props).toBe(first.props);
    const withQuery = router.match("/?tab=2")!;
    expect(withQuery.content).not.toBe(first.content);
    expect(withQuery.content.props).toEqual({ params: {}, query: { tab: "2" }, path: "/" });
    expect(router.match("/users/7")!.content).not.toBe(router.match("/users/7")!.content);
  });

  it("matches nothing when a param is not valid percent-encoding, instead of throwing", () => {
    expect(router.match("/users/%zz")).toBeNull();
    expect(router.match("/users/%E0%A4%A")).toBeNull();
    expect(router.match("//[")).toBeNull();
  });

  it("keeps query names like __proto__ and constructor as data", () => {
    const query = router.match("/users/7?__proto__=x&constructor=y&tab=2&tab=3")!.props.query as Record<string, string>;
    expect(Object.getPrototypeOf(query)).toBe(Object.prototype);
    expect(Object.keys(query)).toEqual(["__proto__", "constructor", "tab"]);
    expect(query.constructor).toBe("y");
    expect(Object.getOwnPropertyDescriptor(query, "__proto__")?.value).toBe("x");
    expect(query.tab).toBe("3");
  });
});

describe("parseUrl: the request target's path and query", () => {
  // Compared as a route sees them: the path, and the query's decoded names and values (the
  // URL parser percent-encodes some query characters that URLSearchParams then decodes).
  const seen = (parsed: { pathname: string; search: string } | null) =>
    parsed === null ? null : { pathname: parsed.pathname, query: [...new URLSearchParams(parsed.search)] };
  const reference = (url: string) => {
    try {
      return seen(new URL(url, "http://localhost"));
    } catch {
      return null;
    }
  };

  it("gives what the URL parser gives, for the usual targets and the tricky ones", () => {
    const urls = [
      "/", "/users/7", "/users/7/", "/users/7?tab=2&x=%20y", "/a/./b", "/a/../b", "/a/%2e%2E/b", "/a/%2E/b", "//evil/x",
      "/a//b", "/a b", "/ä", "/a\\b", "/a?b#c", "/a#c", "/%zz", "/users/j%C3%BCrgen", "/a:b@c!$&'()*+,;=~", "http://x/y?z", "",
      "/?", "/a?", "/a?q=1?2", "/..", "/.", "/a/..", "/~user/.hidden", "/a/.../b",
    ];
    for (const url of urls) expect(seen(parseUrl(url)), url).toEqual(reference(url));
  });

  it("agrees with the URL parser on any path made of URL characters and escapes", () => {
    const segment = fc.string({ unit: fc.constantFrom("a", "Z", "0", ".", "-", "_", "~", "%", "2", "e", "E", "!", "'", ":", "@", "+", " ", "\\", "/", "?", "#", "ü"), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 5 }), (segments) => {
        const url = "/" + segments.join("/");
        expect(seen(parseUrl(url))).toEqual(reference(url));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("Router.notFound", () => {
  it("is the not-found page for any URL that parses: its query, no params, the title \"Not found\" unless the route says", () => {
    const missing = router.notFound("/nowhere?x=1")!;
    expect(missing.component).toBe(NotFound);
    expect(missing.title).toBe("Not found");
    expect(missing.props).toEqual({ params: {}, query: { x: "1" }, path: "/nowhere" });
    expect(router.notFound("//[")).toBeNull();
    const own = new Router({}, { component: Other, title: "Lost" }).notFound("/a")!;
    expect([own.component, own.title]).toEqual([Other, "Lost"]);
  });
});
