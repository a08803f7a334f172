import { Component, html, type Child, type LiveEvent, type Upload, type UploadEntry, type VNode } from "../src/index.js";

/** Props of FileInput. */
export interface FileInputProps {
  /** What `this.allowUpload(…)` returned. */
  upload: Upload;
  label?: string;
  help?: string;
  id?: string;
  class?: string;
  disabled?: boolean;
  /** The browser asks for a file before a form with this field is submitted. */
  required?: boolean;
}

/**
 * A component that shows an upload another component declared (FileInput, UploadEntries): it
 * re-renders itself whenever the upload's entries change, from mount to unmount, since its props
 * (the same upload) stay equal meanwhile and its parent's render skips it.
 */
export abstract class UploadView<P extends { upload: Upload }> extends Component<P> {
  private unwatch: (() => void) | null = null;

  mount() {
    this.unwatch = this.props.upload.watch(() => this.setState({}));
  }

  unmount() {
    this.unwatch?.();
  }
}

/**
 * A file field bound to an upload (PyWebIO's `file_upload`, LiveView's `live_file_input`):
 * the browser offers only the upload's `accept` types, and several files when its `maxFiles`
 * allows; what is chosen goes to the server as the upload says (at once, or on `start()`). A
 * file refused (too large, too many, not accepted) marks the field `aria-invalid`, its message
 * named by `aria-describedby` beside the help text. It re-renders itself as the entries change
 * (UploadView).
 */
export class FileInput extends UploadView<FileInputProps> {
  render(): VNode {
    return fileField(this.props);
  }
}

function fileField(props: FileInputProps): VNode {
  const { upload } = props;
  const id = props.id ?? `upload-${upload.name}`;
  const help = props.help === undefined ? undefined : `${id}-help`;
  const refused = upload.entries.find((entry) => entry.error !== null)?.error ?? null;
  const error = refused === null ? undefined : `${id}-error`;
  const describedBy = [help, error].filter((part) => part !== undefined).join(" ") || undefined;
  return html`<div class=${["tether-field", "tether-file-input", props.class]}>
    ${props.label ? html`<label class="tether-label" for=${id}>${props.label}</label>` : null}
    <input type="file" id=${id} name=${upload.name} data-tether-upload=${upload.token} accept=${upload.accept || undefined}
      multiple=${(upload.options.maxFiles ?? 1) > 1} disabled=${props.disabled} required=${props.required}
      aria-invalid=${refused === null ? undefined : "true"} aria-describedby=${describedBy} />
    ${help === undefined ? null : html`<div class="tether-help" id=${help}>${props.help}</div>`}
    ${refused === null ? null : html`<div class="tether-error" id=${error} role="alert">${refused.message}</div>`}
  </div>` as VNode;
}

/** Props of DropZone. */
export interface DropZoneProps {
  upload: Upload;
  /** What the zone shows (default: "Drop files here"). */
  children?: Child;
  class?: string;
}

/** An area files can be dropped on, sent to `upload` as if chosen in its FileInput; `tether-dragover` while a drag is over it. */
export function DropZone(props: DropZoneProps): VNode {
  return html`<div class=${["tether-drop-zone", props.class]} data-tether-drop=${props.upload.token}>${props.children ?? "Drop files here"}</div>` as VNode;
}

/** Props of UploadPreview. */
export interface UploadPreviewProps {
  entry: UploadEntry;
  class?: string;
  alt?: string;
}

/**
 * A preview of an image entry while it uploads: the page shows the chosen file itself (an
 * object URL), nothing travels for it. Renders nothing for an entry that is not an image.
 */
export function UploadPreview(props: UploadPreviewProps): VNode | null {
  if (!props.entry.image) return null;
  return html`<img class=${["tether-upload-preview", props.class]} data-tether-preview=${props.entry.id} alt=${props.alt ?? props.entry.name} />` as VNode;
}

/** Props of UploadEntries. */
export interface UploadEntriesProps {
  upload: Upload;
  /** Shows a cancel button per entry (default true). */
  cancel?: boolean;
  class?: string;
}

/**
 * The upload's entries as a list: each with its name, size, a progress bar (its percent
 * re-rendered as it grows), its error, a preview for images and a cancel button. It re-renders
 * itself as the entries change (UploadView).
 */
export class UploadEntries extends UploadView<UploadEntriesProps> {
  cancel(event: LiveEvent) {
    this.props.upload.cancel(String(event.data.entry ?? ""));
  }

  render() {
    const { upload } = this.props;
    return html`<ul class=${["tether-upload-entries", this.props.class]}>
      ${upload.entries.map(
        (entry) => html`<li key=${entry.id} class=${{ "tether-upload-entry": true, "tether-upload-error": entry.error !== null, "tether-upload-done": entry.done }} data-entry=${entry.id}>
          <${UploadPreview} entry=${entry} />
          <span class="tether-upload-name">${entry.name}</span> <span class="tether-upload-size">${formatBytes(entry.size)}</span>
          ${entry.error === null ? html`<progress max="100" value=${entry.progress} aria-label=${entry.name}>${entry.progress}%</progress>` : html`<span class="tether-error" role="alert">${entry.error.message}</span>`}
          ${this.props.cancel === false ? null : html`<button type="button" class="tether-upload-cancel" data-entry=${entry.id} onClick=${this.cancel} aria-label=${`Cancel ${entry.name}`}>×</button>`}
        </li>`,
      )}
    </ul>`;
  }
}

/** Bytes for people: 1.5 MB, 320 KB, 12 B. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(bytes < 1e4 ? 1 : 0)} KB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
  return `${(bytes / 1e9).toFixed(1)} GB`;
}
