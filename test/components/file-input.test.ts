import { afterEach, describe, expect, test } from "vitest";
import { Component, html, LiveTree, h, type Upload, type UploadEntry } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { DropZone, FileInput, formatBytes, UploadEntries, UploadPreview } from "../../components/index.js";

afterEach(cleanup);

class Avatar extends Component {
  avatar = this.allowUpload("avatar", { accept: ["image/*", ".png"], maxFiles: 3 });
  single = this.allowUpload("cv");
  render() {
    return html`<${DropZone} upload=${this.avatar}><${FileInput} upload=${this.avatar} label="Avatar" help="PNG or any image" /></${DropZone}><${FileInput} upload=${this.single} />`;
  }
}

describe("FileInput and DropZone", () => {
  test("a labelled file field carrying its upload's token, accept list and multiple when maxFiles allows; the drop zone the same token", async () => {
    const view = await render(Avatar);
    const input = view.getByLabel("Avatar");
    const token = input.attr("data-tether-upload");
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect([input.attr("type"), input.attr("accept"), input.attr("multiple"), input.attr("aria-describedby")]).toEqual(["file", "image/*,.png", "", "upload-avatar-help"]);
    expect(view.get(".tether-drop-zone").attr("data-tether-drop")).toBe(token);
    const single = view.get("#upload-cv");
    expect([single.attr("multiple"), single.attr("accept")]).toEqual([null, null]);
    expect(single.attr("data-tether-upload")).not.toBe(token);
  });
});

describe("FileInput: required, and a refused file", () => {
  class Cv extends Component {
    cv = this.allowUpload("cv", { maxFileSize: 10 });
    refuse() {
      // As the upload service fills an entry it refused before any byte moved.
      this.cv.entries.push({ id: "e1", name: "big.pdf", size: 11, type: "application/pdf", received: 0, progress: 0, done: false, error: { code: "too_large", message: "big.pdf is larger than 10 B." }, image: false });
      this.cv.update();
    }
    render() {
      return html`<${FileInput} upload=${this.cv} label="CV" help="A PDF" required /><button id="refuse" onClick=${this.refuse}>refuse</button>`;
    }
  }

  test("the field is required; a refused file marks it invalid, its message named beside the help", async () => {
    const view = await render(Cv);
    const input = () => view.getByLabel("CV");
    expect([input().attr("required"), input().attr("aria-invalid"), input().attr("aria-describedby")]).toEqual(["", null, "upload-cv-help"]);
    await view.click("#refuse");
    expect([input().attr("aria-invalid"), input().attr("aria-describedby")]).toEqual(["true", "upload-cv-help upload-cv-error"]);
    expect(view.get("#upload-cv-error").text).toBe("big.pdf is larger than 10 B.");
  });
});

describe("UploadEntries", () => {
  /** The upload's watchers: one per component showing it (a private field, counted here). */
  const watchers = (upload: Upload) => (upload as unknown as { watchers: Set<unknown> | null }).watchers?.size ?? 0;
  let files: Upload | null = null;

  class Files extends Component<Record<string, never>, { shown: boolean }> {
    state = { shown: true };
    files = (files = this.allowUpload("files", { maxFiles: 5 }));
    add() {
      const n = this.files.entries.length + 1;
      this.files.entries.push({ id: `e${n}`, name: `f${n}.txt`, size: 1500, type: "text/plain", received: 0, progress: 0, done: false, error: null, image: false });
      this.files.update();
    }
    hide() {
      this.setState({ shown: false });
    }
    render() {
      return html`${this.state.shown ? html`<${FileInput} upload=${this.files} label="Files" /><${UploadEntries} upload=${this.files} />` : null}
        <button id="add" onClick=${this.add}>add</button><button id="hide" onClick=${this.hide}>hide</button>`;
    }
  }

  test("lists the entries as they change (its props stay the same upload); FileInput and it stop watching once they leave the page", async () => {
    const view = await render(Files);
    expect(view.getAll(".tether-upload-entry")).toHaveLength(0);
    expect(watchers(files!)).toBe(2);
    await view.click("#add");
    await view.click("#add");
    expect(view.getAll(".tether-upload-name").map((name) => name.text)).toEqual(["f1.txt", "f2.txt"]);
    expect(view.get('[data-entry="e2"] .tether-upload-size').text).toBe("1.5 KB");
    await view.click("#hide");
    expect(view.query(".tether-upload-entries")).toBeNull();
    expect(watchers(files!)).toBe(0);
  });
});

describe("UploadPreview", () => {
  const entry = (type: string, image: boolean): UploadEntry => ({ id: "e1", name: "a", size: 1, type, received: 0, progress: 0, done: false, error: null, image });

  test("an <img> the page fills from the chosen file, for images only", () => {
    const tree = new LiveTree();
    const ops = tree.render(h(UploadPreview, { entry: entry("image/png", true) }));
    expect(JSON.stringify(ops)).toContain('"data-tether-preview":"e1"');
    expect(new LiveTree().render(h(UploadPreview, { entry: entry("text/plain", false) }))).toEqual([]);
  });
});

test("formatBytes", () => {
  expect([formatBytes(12), formatBytes(1500), formatBytes(320_000), formatBytes(1_500_000), formatBytes(2e9)]).toEqual(["12 B", "1.5 KB", "320 KB", "1.5 MB", "2.0 GB"]);
});
