import type { Island } from "tether-live/client";

/**
 * The /islands page's counter island: a count kept in the browser only (its own state), the
 * server's prop shown beside it, a call to the server and the server's pushes.
 */
const counter: Island<{ value: number }> = {
  mount(el, props, tether) {
    let count = 0;
    el.innerHTML = `
      <p class="toolbar">
        <button id="island-inc" type="button">+1 in the browser</button>
        <span class="readout"><span class="readout-label">Island count</span> <output id="island-count">0</output></span>
        <span class="readout"><span class="readout-label">Server prop</span> <output id="island-prop"></output></span>
      </p>
      <p class="toolbar">
        <button id="island-call" type="button">Double it on the server</button>
        <span class="readout"><span class="readout-label">Answer</span> <output id="island-answer"></output></span>
        <span class="readout"><span class="readout-label">Pushed by the server</span> <output id="island-pushed"></output></span>
      </p>`;
    const $ = (id: string) => el.querySelector<HTMLElement>(`#${id}`)!;
    const show = (value: number) => ($("island-prop").textContent = String(value));
    show(props.value);
    $("island-inc").addEventListener("click", () => ($("island-count").textContent = String(++count)));
    $("island-call").addEventListener("click", async () => {
      $("island-answer").textContent = String(await tether.call<number>("island-double", count));
    });
    const off = tether.on("island-note", (note: { text: string }) => ($("island-pushed").textContent = note.text));
    return { update: (next) => show(next.value), unmount: off };
  },
};

export default counter;
