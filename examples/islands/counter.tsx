/** @jsxImportSource preact */
import { useState } from "preact/hooks";
import { preactIsland, useServerEvent, useTether } from "tether-live/preact";

/**
 * The /islands page's counter island, a preact component: a count kept in the browser only
 * (its own state, kept when the server passes a new `value`), the server's prop shown beside
 * it, a call to the server and the server's pushes.
 */
function Counter({ value }: { value: number }) {
  const tether = useTether();
  const [count, setCount] = useState(0);
  const [answer, setAnswer] = useState<number | null>(null);
  const [pushed, setPushed] = useState("");
  useServerEvent<{ text: string }>("island-note", (note) => setPushed(note.text));
  return (
    <>
      <p class="toolbar">
        <button id="island-inc" type="button" onClick={() => setCount(count + 1)}>
          +1 in the browser
        </button>
        <span class="readout">
          <span class="readout-label">Island count</span> <output id="island-count">{count}</output>
        </span>
        <span class="readout">
          <span class="readout-label">Server prop</span> <output id="island-prop">{value}</output>
        </span>
      </p>
      <p class="toolbar">
        <button id="island-call" type="button" onClick={async () => setAnswer(await tether.call<number>("island-double", count))}>
          Double it on the server
        </button>
        <span class="readout">
          <span class="readout-label">Answer</span> <output id="island-answer">{answer ?? ""}</output>
        </span>
        <span class="readout">
          <span class="readout-label">Pushed by the server</span> <output id="island-pushed">{pushed}</output>
        </span>
      </p>
    </>
  );
}

export default preactIsland(Counter);
