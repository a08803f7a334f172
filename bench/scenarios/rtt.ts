/**
 * Scenario 1: the counter's event → patch round trip, against a raw `ws` echo of a message of
 * the same size, with LiveViewJS and the whole-HTML baseline beside them. One connection per
 * server, one click in flight. The servers take turns in short blocks (the order rotating
 * each round), so a burst of noise on this shared machine hits all of them alike; each
 * round's ratio is Tether's p50 over the echo's p50 in that round, and the figure is the
 * median of those ratios.
 */
import type { Action, LiveClient } from "../clients/connection.js";
import { median, medianSpread, spread, type Spread } from "../stats.js";
import { warmUp, type WarmUp } from "./warm-up.js";

export interface RttResult {
  /** Per client label: the median over rounds of each round's p50/p90/p99, in ms. */
  byClient: Record<string, Spread & { warmUp: WarmUp; rounds: Spread[] }>;
  /** Each round's Tether p50 ÷ echo p50. */
  ratios: number[];
  /** Median of `ratios`. */
  ratio: number;
}

const INC: Action = { kind: "click", name: "inc" };

export async function measureCounterRtt(clients: LiveClient[], tether: LiveClient, echo: LiveClient, rounds = 12, block = 250): Promise<RttResult> {
  const warm = new Map<LiveClient, WarmUp>();
  for (const client of clients) warm.set(client, await warmUp(client, INC));
  const perRound = new Map<LiveClient, Spread[]>(clients.map((c) => [c, []]));
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const thisRound = new Map<LiveClient, Spread>();
    for (let i = 0; i < clients.length; i++) {
      const client = clients[(i + round) % clients.length];
      const ms: number[] = new Array(block);
      for (let j = 0; j < block; j++) ms[j] = (await client.act(INC)).ms;
      const s = spread(ms);
      thisRound.set(client, s);
      perRound.get(client)!.push(s);
    }
    ratios.push(thisRound.get(tether)!.p50 / thisRound.get(echo)!.p50);
  }
  const byClient: RttResult["byClient"] = {};
  for (const client of clients) {
    const rs = perRound.get(client)!;
    byClient[client.label] = { ...medianSpread(rs), warmUp: warm.get(client)!, rounds: rs };
  }
  return { byClient, ratios, ratio: median(ratios) };
}
