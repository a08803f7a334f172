/**
 * A quicker look at the update-cost target while working on it (not part of `npm run bench`):
 * Tether's server CPU per one-row update at 100, 1,000, 10,000 and 100,000 rows, and the ratio
 * of the last to the first, beside the raw ws echo's CPU per message (the machine's floor: when
 * it is far above ~15–60 µs, the machine is busy and the figures are not Tether's).
 *   node --import tsx bench/probe/scaling.ts [rounds]
 */
import { pinClient, ServerProcess } from "../processes.js";
import { TetherClient } from "../clients/tether.js";
import { EchoClient } from "../clients/ws-echo.js";
import { measureScaling } from "../scenarios/scaling.js";

pinClient();
const rounds = Number(process.argv[2] ?? 2);
const [tether, echoServer] = await Promise.all([ServerProcess.start("tether", "tether.ts"), ServerProcess.start("echo", "ws-echo.ts")]);
const echo = await EchoClient.connect(echoServer.url);
try {
  const target = {
    label: "Tether",
    server: tether,
    open: async (rows: number) => {
      const client = await TetherClient.connect(tether.url);
      return { client, join: await client.join(`/table-sized?rows=${rows}`) };
    },
  };
  for (let round = 0; round < rounds; round++) {
    const result = await measureScaling([target], { server: echoServer, client: echo });
    const cells = result.byTarget.Tether;
    const cost = cells.map((c) => `${c.rows.toLocaleString("en")}: ${c.cpuMicros.toFixed(0)} µs`).join(", ");
    console.log(`${cost}; 100,000 ÷ 100: ${(cells[cells.length - 1].cpuMicros / cells[0].cpuMicros).toFixed(2)} (target ≤ 2); echo ${result.echoFloorMicros.toFixed(0)} µs per message`);
  }
} finally {
  echo.close();
  await Promise.all([tether.stop(), echoServer.stop()]);
}
