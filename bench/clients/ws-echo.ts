/**
 * The client of the raw `ws` echo server: it sends a message and waits for it to come back.
 * The message is as long as Tether's counter event, so the two round trips move alike bytes.
 */
import { Connection, openSocket, type Action, type LiveClient, type Sample } from "./connection.js";

/** As long as Tether's `{"k":2,"e":…,"n":8,"t":"click","d":{}}` with a 4-digit sequence number. */
export const ECHO_MESSAGE = `{"k":2,"e":1000,"n":8,"t":"click","d":{}}`;

export class EchoClient extends Connection implements LiveClient {
  readonly label = "raw ws echo";

  static async connect(serverUrl: string): Promise<EchoClient> {
    return new EchoClient(await openSocket(serverUrl.replace(/^http/, "ws")));
  }

  /** Every action is the same echo: the floor under any framework's round trip. */
  act(_action: Action): Promise<Sample> {
    return this.request(ECHO_MESSAGE);
  }

  rowCount(): number {
    return 0;
  }

  protected receive(data: Buffer, _isBinary: boolean, at: number): void {
    this.answered(at, data.length);
  }

  protected nextPumpMessage(): string {
    return ECHO_MESSAGE;
  }
}
