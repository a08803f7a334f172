import { createHash } from "node:crypto";
import { Component, html, type UploadEntry } from "tether-live";
import { DropZone, FileInput, UploadEntries, formatBytes } from "tether-live/components";

/** A stored file as the page lists it: the SHA-256 the server computed from the bytes it stored. */
interface StoredFile {
  id: string;
  name: string;
  size: number;
  sha256: string;
}

/**
 * Many large files by choice or drag and drop, each with its progress and a cancel button. A
 * finished file is read back from its temporary file to hash it, then the temporary file is
 * removed: this example keeps only names, sizes and hashes.
 */
export class Files extends Component<Record<string, never>, { files: StoredFile[] }> {
  state = { files: [] as StoredFile[] };
  upload = this.allowUpload("files", { maxFiles: 200, maxFileSize: 1 << 30, done: (entry) => this.store(entry) });

  async store(entry: UploadEntry) {
    const sha256 = await this.upload.consume(entry, async (file) => {
      const hash = createHash("sha256");
      for await (const bytes of file.stream()) hash.update(bytes as Buffer);
      return hash.digest("hex");
    });
    this.setState((state) => ({ files: [...state.files, { id: entry.id, name: entry.name, size: entry.size, sha256 }] }));
  }

  clear() {
    this.setState({ files: [] });
  }

  render() {
    return html`<main>
      <h1>Files</h1>
      <p class="lead">Up to 200 files of up to 1 GiB: chosen or dropped, sent in chunks over a WebSocket of their own, resumed after a dropped connection.</p>
      <${DropZone} upload=${this.upload}>
        <${FileInput} upload=${this.upload} label="Choose files" help="…or drop them anywhere in this box." />
      </${DropZone}>
      <${UploadEntries} upload=${this.upload} />
      <h2>Stored</h2>
      <ul id="stored">
        ${this.state.files.map(
          (file) => html`<li key=${file.id} data-file data-name=${file.name} data-size=${file.size} data-sha256=${file.sha256}>
            ${file.name} <small>${formatBytes(file.size)} · sha256 <code>${file.sha256.slice(0, 16)}…</code></small>
          </li>`,
        )}
      </ul>
      ${this.state.files.length > 0 ? html`<button type="button" onClick=${this.clear}>Clear the list</button>` : null}
    </main>`;
  }
}
