/**
 * The client of the whole-HTML baseline (bench/servers/html.ts): it sends the operation and
 * receives the page's whole HTML. Row ids for select and remove are read from that HTML after
 * the answer has been timed.
 */
import { Connection, openSocket, type Action, type LiveClient, type Sample } from "./connection.js";

const ROW_ID = /class="lbl" data-id="(\d+)"/g;

export class HtmlClient extends Connection implements LiveClient {
  readonly label = "whole HTML";
  private rows: number[] = [];
  private readRows = false;

  static async connect(serverUrl: string): Promise<HtmlClient> {
    return new HtmlClient(await openSocket(serverUrl.replace(/^http/, "ws")));
  }

  join(path: string): Promise<Sample> {
    this.readRows = path.startsWith("/table");
    return this.request(JSON.stringify({ join: path }));
  }

  act(action: Action): Promise<Sample> {
    if (action.kind === "click") return this.request(JSON.stringify({ ev: action.name }));
    const id = this.rows[action.index];
    if (id === undefined) throw new Error(`whole HTML: the table has no row ${action.index}`);
    return this.request(JSON.stringify({ ev: action.kind, id }));
  }

  rowCount(): number {
    return this.rows.length;
  }

  protected receive(data: Buffer, _isBinary: boolean, at: number): void {
    this.answered(at, data.length);
    if (this.readRows) this.rows = Array.from(data.toString().matchAll(ROW_ID), (m) => Number(m[1]));
  }

  protected nextPumpMessage(): string {
    return `{"ev":"inc"}`;
  }
}
