/**
 * The README's recipes for serving Tether on a server of your own (examples/recipes/*.ts) are
 * the code that runs here, whole: the README quotes each file as it is, and each runs as its
 * user runs it, `node --import tsx recipe.ts`, in a process of its own. Each serves a page
 * whose tab joins, answers a click with a patch, leaves its other paths to its framework, and
 * stops on SIGTERM as it says: the tab is told to reconnect, the port freed, the process ended.
 */
import { readdirSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { Msg, Op, type MountMessage } from "../../src/protocol/wire.js";
import { AppProcess, isListening, ROOT } from "../support/app-process.js";
import { pageJoin } from "../support/page-token.js";
import { ca, getOverHttp2, getOverHttps, TLS_FILES, type Answer } from "../support/tls.js";
import { longpoll, nodeId, textNodeId, WebSocketTransport, type ProtocolTransport } from "../support/transports.js";
import { useRedisPrefix } from "../support/redis.js";

const DIR = `${ROOT}examples/recipes/`;

interface Recipe {
  /** A GET as a browser makes it to this server (over TLS for the TLS recipes, trusting the test certificate). */
  get(url: string): Promise<Answer>;
  /** The HTTP version pages come over. */
  httpVersion: string;
  /** What the framework's own route `/api/hello` answers, if it has one. */
  hello?: unknown;
  /** A long-poll tab too (the test's long-poll client speaks plain HTTP only). */
  longPoll: boolean;
}

async function plainGet(url: string): Promise<Answer> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text(), httpVersion: "1.1" };
}

const RECIPES: Record<string, Recipe> = {
  "express.ts": { get: plainGet, httpVersion: "1.1", hello: { hello: "express" }, longPoll: true },
  "fastify.ts": { get: plainGet, httpVersion: "1.1", hello: { hello: "fastify" }, longPoll: true },
  "hono.ts": { get: plainGet, httpVersion: "1.1", hello: { hello: "hono" }, longPoll: true },
  "https.ts": { get: getOverHttps, httpVersion: "1.1", longPoll: false },
  "http2.ts": { get: getOverHttp2, httpVersion: "2.0", longPoll: false },
  "cluster.ts": { get: plainGet, httpVersion: "1.1", longPoll: true },
};

// The cluster recipe's workers keep sessions in Redis: under this file's own prefix.
const REDIS_PREFIX = useRedisPrefix();

const apps: AppProcess[] = [];
const tabs: ProtocolTransport[] = [];
afterEach(async () => {
  for (const tab of tabs.splice(0)) await tab.close();
  for (const app of apps.splice(0)) app.kill();
});

/** Clicks #inc on a joined tab; the patch sets #count's text to "1". */
async function clickInc(tab: ProtocolTransport, mount: MountMessage): Promise<void> {
  const patch = tab.next((m) => m.k === Msg.Patch);
  tab.event(nodeId(mount, "inc"), "click");
  expect(await patch).toMatchObject({ o: [[Op.SetText, textNodeId(mount, "count"), "1"]] });
}

describe("serving recipes", () => {
  it("are every file of examples/recipes, each quoted whole in the README", () => {
    expect(readdirSync(DIR).sort()).toEqual(Object.keys(RECIPES).sort());
    const readme = readFileSync(`${ROOT}README.md`, "utf8");
    const unquoted = Object.keys(RECIPES).filter((file) => !readme.includes("```ts\n" + readFileSync(DIR + file, "utf8") + "```\n"));
    expect(unquoted, "recipes the README does not quote whole, in a ```ts block").toEqual([]);
  });

  for (const [file, recipe] of Object.entries(RECIPES)) {
    it(`${file}: a page, its tab joins, a click is answered by a patch; stops on SIGTERM`, async () => {
      const app = await AppProcess.start("node", ["--conditions=tether-source", "--import", "tsx", `examples/recipes/${file}`], { PORT: "0", REDIS_PREFIX, WORKERS: "2", ...TLS_FILES });
      apps.push(app);
      const origin = new URL(app.url).origin;

      const page = await recipe.get(`${origin}/counter`);
      expect(page).toMatchObject({ status: 200, httpVersion: recipe.httpVersion });
      expect((await recipe.get(`${origin}/_tether/tether.js`)).status).toBe(200);
      if (recipe.hello !== undefined) expect(JSON.parse((await recipe.get(`${origin}/api/hello`)).body)).toEqual(recipe.hello);
      expect((await recipe.get(`${origin}/nothing-here`)).status).toBe(404);

      const tab = await WebSocketTransport.connect(origin, "/_tether", { ca });
      tabs.push(tab);
      const mount = await tab.join("/counter", pageJoin(page.body).sid);
      expect(mount.k).toBe(Msg.Mount);
      await clickInc(tab, mount as MountMessage);
      const open: ProtocolTransport[] = [tab];
      if (recipe.longPoll) {
        const polling = await longpoll.connect(origin);
        tabs.push(polling);
        const polled = await polling.join("/counter"); // its own page GET, then a join over POST
        expect(polled.k).toBe(Msg.Mount);
        await clickInc(polling, polled as MountMessage);
        open.push(polling);
      }

      app.signal("SIGTERM");
      for (const t of open) expect(await t.closed).toEqual({ code: 1001, reason: "server closing" });
      // The recipe's listener closed the server and nothing else held the process: it ended by itself.
      expect(await app.exited).toEqual({ code: 0, signal: null });
      expect(await isListening(app.port)).toBe(false);
    });
  }
});
