/**
 * `view.upload`: files chosen in a FileInput or dropped on a DropZone go to the server's own
 * upload endpoint over the upload protocol (described, then chunks, each acknowledged), as the
 * page's upload script sends them. The component sees progress, `done`, refusals and cancels;
 * an upload with `auto: false` waits for `start()`. What a browser would not let a user do fails.
 */
import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, test } from "vitest";
import { Component, html, type UploadEntry } from "../../src/index.js";
import { DropZone, FileInput, UploadEntries } from "../../components/index.js";
import { cleanup, render } from "../../src/testing/index.js";

afterEach(cleanup);

/** Keeps what it received: each done file's name and text, read from the temporary file. */
class Documents extends Component<Record<string, never>, { saved: string[] }> {
  state = { saved: [] as string[] };
  docs = this.allowUpload("docs", { maxFiles: 2, maxFileSize: 4000, accept: [".txt", ".bin"], done: (entry) => this.save(entry) });

  async save(entry: UploadEntry) {
    const text = await this.docs.consume(entry, (file) => readFile(file.path, "utf8"));
    this.setState({ saved: [...this.state.saved, `${entry.name}: ${text}`] });
  }

  render() {
    return html`<${DropZone} upload=${this.docs}><${FileInput} upload=${this.docs} label="Documents" /></${DropZone}>
      <${UploadEntries} upload=${this.docs} />
      <ul id="saved">${this.state.saved.map((line) => html`<li>${line}</li>`)}</ul>
      <p id="plain">not a file field</p>`;
  }
}

const saved = (view: { getAll(selector: string): Array<{ text: string }> }) => view.getAll("#saved li").map((li) => li.text);

describe("view.upload", () => {
  test("a file chosen in a FileInput reaches the server whole; done runs; two files dropped on the DropZone", async () => {
    const view = await render(Documents);
    await view.upload(view.getByLabel("Documents"), [{ name: "a.txt", type: "text/plain", content: "hello" }]);
    // The server has the file; `done` reads it from disk, which takes the time it takes.
    await view.waitFor(() => expect(saved(view)).toEqual(["a.txt: hello"]));
    await view.upload(".tether-drop-zone", [
      { name: "b.txt", content: "bee" },
      { name: "c.bin", content: new Uint8Array([0x63, 0x65, 0x65]) },
    ]);
    await view.waitFor(() => expect(saved(view)).toEqual(["a.txt: hello", "b.txt: bee", "c.bin: cee"]));
  });

  test("progress, chunk by chunk: the component shows each step (on a fake clock, its renders are 100 ms apart)", async () => {
    class Progress extends Component {
      file = this.allowUpload("file");
      render() {
        return html`<${FileInput} upload=${this.file} /><${UploadEntries} upload=${this.file} />`;
      }
    }
    const view = await render(Progress, { clock: "fake" });
    const seen: string[] = [];
    await view.upload("#upload-file", [{ name: "big.txt", content: "x".repeat(1000) }], {
      chunkSize: 250,
      onChunk: async ({ file, sent, size }) => {
        await view.clock.advance(100);
        seen.push(`${file} ${sent}/${size}: ${view.getByRole("progressbar", { name: "big.txt" }).attr("value")}`);
      },
    });
    expect(seen).toEqual(["big.txt 250/1000: 25", "big.txt 500/1000: 50", "big.txt 750/1000: 75", "big.txt 1000/1000: 100"]);
    expect(view.get(".tether-upload-entry").attr("class")).toContain("tether-upload-done");
  });

  test("a file the server refuses shows its error and sends nothing; a cancel between chunks stops the file", async () => {
    const view = await render(Documents);
    await view.upload("#upload-docs", [{ name: "photo.png", type: "image/png", content: "png" }]);
    expect(view.get(".tether-upload-entry [role=alert]").text).toBe("this type of file is not accepted");
    await view.click(view.getByRole("button", { name: "Cancel photo.png" }));
    await view.upload("#upload-docs", [{ name: "long.txt", content: "y".repeat(3000) }], {
      chunkSize: 1000,
      onChunk: () => view.click(view.getByRole("button", { name: "Cancel long.txt" })),
    });
    expect(view.query(".tether-upload-entry")).toBeNull();
    expect(saved(view)).toEqual([]);
  });

  test("with auto: false the files wait until start(); the submit that starts them settles once they are stored", async () => {
    class Held extends Component {
      file = this.allowUpload("file", { auto: false });
      render() {
        return html`<form onSubmit=${() => this.file.start()}><${FileInput} upload=${this.file} /><button>Send</button></form><${UploadEntries} upload=${this.file} />`;
      }
    }
    const view = await render(Held);
    await view.upload("#upload-file", [{ name: "later.txt", content: "at last" }]);
    const entry = () => view.get(".tether-upload-entry");
    expect([entry().attr("class"), view.getByRole("progressbar").attr("value")]).toEqual(["tether-upload-entry", "0"]);
    await view.submit("form"); // start(): the file goes, and the submit settles once the server has it
    expect([entry().attr("class"), view.getByRole("progressbar").attr("value")]).toEqual(["tether-upload-entry tether-upload-done", "100"]);
  });

  test("what a browser would not let a user do fails: no upload there, two files in a single field, no upload script", async () => {
    class Single extends Component<Record<string, never>, { shown: boolean }> {
      state = { shown: false };
      cv = this.allowUpload("cv");
      render() {
        return html`<button id="show" onClick=${() => this.setState({ shown: true })}>show</button>${this.state.shown ? html`<${FileInput} upload=${this.cv} />` : null}`;
      }
    }
    const view = await render(Documents);
    await expect(view.upload("#plain", [{ name: "a.txt", content: "" }])).rejects.toThrow("#plain is neither the file input nor the drop zone of an upload");
    const late = await render(Single);
    await late.click("#show");
    await expect(late.upload("#upload-cv", [{ name: "a.txt", content: "a" }, { name: "b.txt", content: "b" }])).rejects.toThrow("#upload-cv takes one file (it has no multiple attribute), not 2");
    await expect(late.upload("#upload-cv", [{ name: "a.txt", content: "a" }])).rejects.toThrow("the page has no upload script (tether-upload.js)");
  });
});
