import { Msg, type ClientMessage, type EventData, type EventMessage, type JoinMessage, type UploadClientMessage, type UploadFileInfo, type WireError } from "./wire.js";

/** A message that failed validation, with a reason a developer can act on. */
export class ProtocolError extends Error {
  override name = "ProtocolError";
}

/** Limits on what one event may carry; beyond them the message is refused. */
const MAX_STRING = 1 << 20;
const MAX_FORM_FIELDS = 1000;
const MAX_EVENT_TYPE = 32;

/**
 * Parses and validates one message from a browser (invariant 3, "One protocol module" in
 * ARCHITECTURE.md). Returns the typed message or throws ProtocolError saying what is wrong; never
 * trusts a field it did not check.
 */
export function parseClientMessage(data: string | Buffer): ClientMessage {
  return parseEventFast(data) ?? parseJsonMessage(data);
}

/** The full path of parseClientMessage for every message: JSON.parse, then validation. */
export function parseJsonMessage(data: string | Buffer): ClientMessage {
  const m = jsonObject(data);
  switch (m.k) {
    case Msg.Join: {
      const message = joinMessage(m);
      if (m.s !== undefined) message.s = integer(m, "s");
      if (m.rt !== undefined) message.rt = string(m, "rt", 256);
      return message;
    }
    case Msg.Event: {
      const t = string(m, "t", MAX_EVENT_TYPE);
      if (!eventTypes.has(t)) checkEventType(t);
      const message: ClientMessage = { k: Msg.Event, e: positive(m, "e"), n: integer(m, "n"), t, d: eventData(m.d) };
      if (m.a !== undefined) message.a = integer(m, "a");
      return message;
    }
    case Msg.Ack:
      return { k: Msg.Ack, s: integer(m, "s") };
    case Msg.Ping:
      return { k: Msg.Ping };
    case Msg.Result: {
      if (typeof m.ok !== "boolean") throw new ProtocolError('field "ok" must be a boolean');
      const message: ClientMessage = { k: Msg.Result, id: positive(m, "id"), ok: m.ok };
      if (m.ok) {
        if ("v" in m) message.v = m.v;
      } else message.err = wireError(m.err);
      return message;
    }
    case Msg.Call: {
      const message: ClientMessage = { k: Msg.Call, id: positive(m, "id"), m: string(m, "m", 256) };
      if (m.p !== undefined) message.p = m.p;
      return message;
    }
    case Msg.Send: {
      const message: ClientMessage = { k: Msg.Send, e: positive(m, "e"), ev: string(m, "ev", 256) };
      if (m.d !== undefined) message.d = m.d;
      return message;
    }
    case Msg.DevWatch:
      if (typeof m.on !== "boolean") throw new ProtocolError('field "on" must be a boolean');
      return { k: Msg.DevWatch, on: m.on };
    default:
      throw new ProtocolError(`unknown message kind ${JSON.stringify(m.k)}`);
  }
}

/** Files one UploadFiles may describe; a name's length, as file systems allow. */
const MAX_UPLOAD_FILES = 10_000;
const MAX_FILE_NAME = 1024;

/**
 * Parses and validates one text message of an upload's own connection (UploadFiles or
 * UploadAt); throws ProtocolError saying what is wrong.
 */
export function parseUploadMessage(data: string | Buffer): UploadClientMessage {
  const m = jsonObject(data);
  if (m.k === Msg.UploadAt) {
    const message: UploadClientMessage = { k: Msg.UploadAt, id: string(m, "id", 64) };
    if (m.o !== undefined) message.o = integer(m, "o");
    return message;
  }
  if (m.k !== Msg.UploadFiles) throw new ProtocolError(`unknown upload message kind ${JSON.stringify(m.k)}`);
  if (!Array.isArray(m.f) || m.f.length === 0 || m.f.length > MAX_UPLOAD_FILES) throw new ProtocolError(`field "f" must be an array of 1 to ${MAX_UPLOAD_FILES} files`);
  const files: UploadFileInfo[] = [];
  for (const file of m.f as unknown[]) {
    if (typeof file !== "object" || file === null) throw new ProtocolError('field "f" must hold objects');
    const f = file as Record<string, unknown>;
    files.push({ n: string(f, "n", MAX_FILE_NAME, "f.n"), s: integer(f, "s", "f.s"), t: string(f, "t", 256, "f.t") });
  }
  return { k: Msg.UploadFiles, r: integer(m, "r"), f: files };
}

/** A message's JSON object, or a ProtocolError. */
function jsonObject(data: string | Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(typeof data === "string" ? data : data.toString());
  } catch {
    throw new ProtocolError("message is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ProtocolError("message must be a JSON object");
  return value as Record<string, unknown>;
}

// Event types seen valid: a page sends a handful of them (click, input, …) over and over.
const eventTypes = new Set<string>();
const MAX_EVENT_TYPES_KEPT = 256;

/** A first join's fields, by the same rules in a message and in a URL. */
function joinMessage(m: Record<string, unknown>): JoinMessage {
  const message: JoinMessage = { k: Msg.Join, v: integer(m, "v"), sid: m.sid == null ? null : string(m, "sid", 256), path: string(m, "path", 2048) };
  if (m.t != null) message.t = string(m, "t", 1024);
  return message;
}

/**
 * The join a WebSocket's URL carries (`?v=1&path=…&sid=…`, see encode.ts `joinQuery`), validated
 * as a Join message's fields are; null if the URL carries none (no `v`: the page sends a Join).
 */
export function parseJoinQuery(search: string): JoinMessage | null {
  const params = joinFields(search) ?? joinFieldsOf(new URLSearchParams(search));
  const v = params.v;
  if (v === null) return null;
  return joinMessage({ v: /^\d{1,9}$/.test(v) ? Number(v) : v, sid: params.sid, path: params.path ?? undefined, t: params.t });
}

type JoinFields = { v: string | null; sid: string | null; path: string | null; t: string | null };

/**
 * A join query's fields (the first of a repeated name) as URLSearchParams reads them, in one
 * pass over the query: building URLSearchParams for the four took more of a join's work than
 * checking its token. Null when a part needs the full form decoding (a malformed escape).
 */
function joinFields(search: string): JoinFields | null {
  const fields: JoinFields = { v: null, sid: null, path: null, t: null };
  let start = search.charCodeAt(0) === 63 /* ? */ ? 1 : 0;
  while (start <= search.length) {
    let end = search.indexOf("&", start);
    if (end === -1) end = search.length;
    if (end > start) {
      let eq = search.indexOf("=", start);
      if (eq === -1 || eq > end) eq = end;
      const name = formDecoded(search.slice(start, eq));
      if (name === null) return null;
      if ((name === "v" || name === "sid" || name === "path" || name === "t") && fields[name] === null) {
        const value = formDecoded(search.slice(Math.min(eq + 1, end), end));
        if (value === null) return null;
        fields[name] = value;
      }
    }
    start = end + 1;
  }
  return fields;
}

/** A form-encoded part decoded: `+` is a space, `%XX` a UTF-8 byte; null if an escape is malformed. */
function formDecoded(part: string): string | null {
  const text = part.includes("+") ? part.replaceAll("+", " ") : part;
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function joinFieldsOf(params: URLSearchParams): JoinFields {
  return { v: params.get("v"), sid: params.get("sid"), path: params.get("path"), t: params.get("t") };
}

function checkEventType(t: string): void {
  if (!/^[a-z][a-z0-9_-]*$/.test(t)) throw new ProtocolError(`field "t" is not an event type: ${JSON.stringify(t)}`);
  if (eventTypes.size < MAX_EVENT_TYPES_KEPT) eventTypes.add(t);
}

function wireError(value: unknown): WireError {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ProtocolError('field "err" must be an object');
  const e = value as Record<string, unknown>;
  const out: WireError = { name: string(e, "name", 256), message: string(e, "message", MAX_STRING) };
  if (e.stack !== undefined) out.stack = string(e, "stack", MAX_STRING);
  return out;
}

function eventData(value: unknown): EventData {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ProtocolError('field "d" must be an object');
  const d = value as Record<string, unknown>;
  const out: EventData = {};
  for (const name in d) {
    switch (name) {
      case "value": out.value = string(d, "value", MAX_STRING, "d.value"); break;
      case "key": out.key = string(d, "key", 64, "d.key"); break;
      case "checked":
        if (typeof d.checked !== "boolean") throw new ProtocolError('field "d.checked" must be a boolean');
        out.checked = d.checked;
        break;
      case "mods": out.mods = integer(d, "mods", "d.mods") & 15; break;
      case "values": out.values = stringArray(d.values, "d.values"); break;
      case "form": out.form = form(d.form); break;
      default: throw new ProtocolError(`unknown event field "d.${name}"`);
    }
  }
  return out;
}

function form(value: unknown): Record<string, string | string[]> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ProtocolError('field "d.form" must be an object');
  const out: Record<string, string | string[]> = Object.create(null);
  let count = 0;
  for (const name in value as Record<string, unknown>) {
    if (++count > MAX_FORM_FIELDS) throw new ProtocolError(`a form may carry at most ${MAX_FORM_FIELDS} fields`);
    const v = (value as Record<string, unknown>)[name];
    if (typeof v === "string") {
      if (v.length > MAX_STRING) throw new ProtocolError(`field "d.form.${name}" is longer than ${MAX_STRING} characters`);
      out[name] = v;
    } else out[name] = stringArray(v, `d.form.${name}`);
  }
  return out;
}

function stringArray(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length > MAX_FORM_FIELDS || !value.every((x) => typeof x === "string" && x.length <= MAX_STRING)) {
    throw new ProtocolError(`field "${field}" must be an array of strings`);
  }
  return value as string[];
}

function string(m: Record<string, unknown>, name: string, max: number, label = name): string {
  const v = m[name];
  if (typeof v !== "string") throw new ProtocolError(`field "${label}" must be a string`);
  if (v.length > max) throw new ProtocolError(`field "${label}" is longer than ${max} characters`);
  return v;
}

function integer(m: Record<string, unknown>, name: string, label = name): number {
  const v = m[name];
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) throw new ProtocolError(`field "${label}" must be a non-negative integer`);
  return v;
}

function positive(m: Record<string, unknown>, name: string): number {
  const v = integer(m, name);
  if (v === 0) throw new ProtocolError(`field "${name}" must be a positive integer`);
  return v;
}

// ——— The fast path for events ———
//
// Most messages are events, written by the runtime always the same way:
//   {"k":2,"e":7,"n":12,"t":"click","d":{},"a":6}
// JSON.parse plus validation was a fifth of the server's own work per click; this reads that
// form directly, from the frame's bytes as the socket received them (decoding them into a
// string first took as long as reading them). It returns null for anything else (whitespace,
// escapes, text that is not ASCII, other fields or orders, numbers not written as plain
// digits), and the full path above then parses and judges the message: the fast path never
// accepts or builds anything the full path would not (test/protocol/validate.test.ts checks
// the two against each other).

/** How every event in the runtime's own form begins: its kind, then the key of its sequence number. */
const EVENT_MESSAGE_START = `{"k":${Msg.Event},"e":`;
/** The data of an event that carries none (a click): shared, since nothing writes an event's data. */
const NO_DATA: EventData = Object.freeze({});
let pos = 0;

/** An event in the runtime's own form, or null: the fast path of parseClientMessage. */
export function parseEventFast(data: string | Buffer): EventMessage | null {
  const text = typeof data === "string" ? Buffer.from(data) : data;
  pos = 0;
  if (!skip(text, EVENT_MESSAGE_START)) return null;
  const e = natural(text);
  if (e < 1 || !skip(text, ',"n":')) return null;
  const n = natural(text);
  if (n < 0 || !skip(text, ',"t":"')) return null;
  const at = pos;
  let t = sameType(text);
  if (t === null) {
    pos = at;
    t = plainString(text, MAX_EVENT_TYPE);
    if (t === null || !eventTypes.has(t)) return null;
    lastType = t;
  }
  if (!skip(text, ',"d":{')) return null;
  const d = fastEventData(text);
  if (d === null) return null;
  const message: EventMessage = { k: Msg.Event, e, n, t, d };
  if (skip(text, ',"a":')) {
    const a = natural(text);
    if (a < 0) return null;
    message.a = a;
  }
  return pos === text.length - 1 && text[pos] === 125 /* } */ ? message : null;
}

/** The fields of `d` after its `{`, through its `}`; null for anything but plain value, key, checked and mods. */
function fastEventData(text: Buffer): EventData | null {
  if (skip(text, "}")) return NO_DATA;
  const d: EventData = {};
  for (;;) {
    if (!skip(text, '"')) return null;
    const name = plainString(text, 8);
    if (name === null || !skip(text, ":")) return null;
    if (name === "value" || name === "key") {
      if (!skip(text, '"')) return null;
      const v = plainString(text, name === "value" ? MAX_STRING : 64);
      if (v === null) return null;
      d[name] = v;
    } else if (name === "checked") {
      if (skip(text, "true")) d.checked = true;
      else if (skip(text, "false")) d.checked = false;
      else return null;
    } else if (name === "mods") {
      const mods = natural(text);
      if (mods < 0) return null;
      d.mods = mods & 15;
    } else return null;
    if (skip(text, "}")) return d;
    if (!skip(text, ",")) return null;
  }
}

/** A JSON number written as plain digits (no sign, fraction, exponent or leading zero), or -1. */
function natural(text: Buffer): number {
  const start = pos;
  let value = 0;
  for (; pos < text.length; pos++) {
    const c = text[pos];
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
  }
  const digits = pos - start;
  // 15 digits stay below Number.MAX_SAFE_INTEGER; longer numbers take the full path.
  if (digits === 0 || digits > 15 || (digits > 1 && text[start] === 48)) return -1;
  return value;
}

/**
 * The rest of a string after its opening quote, if it is ASCII with no escapes or control
 * characters and at most `max` characters (bytes and characters are then the same).
 */
function plainString(text: Buffer, max: number): string | null {
  const start = pos;
  for (; pos < text.length; pos++) {
    const c = text[pos];
    if (c === 34 /* " */) {
      if (pos - start > max) return null;
      return text.toString("latin1", start, pos++);
    }
    if (c === 92 /* \ */ || c < 32 || c > 126) return null;
  }
  return null;
}

function skip(text: Buffer, expected: string): boolean {
  const n = expected.length;
  if (pos + n > text.length) return false;
  for (let i = 0; i < n; i++) if (text[pos + i] !== expected.charCodeAt(i)) return false;
  pos += n;
  return true;
}

/** The event type at `pos` if it is the last one read (a page sends the same few over and over): no new string, no hashing. */
function sameType(text: Buffer): string | null {
  const last = lastType;
  if (last === "" || !skip(text, last) || text[pos] !== 34 /* " */) return null;
  pos++;
  return last;
}

let lastType = "";
