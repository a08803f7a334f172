import type { LiveSession } from "../session/live-session.js";

/**
 * Sessions rendered for a page GET that no tab has joined yet, by the address of the client
 * that asked for them (see clientAddress): what the limits on pending sessions count. Each
 * client's are kept oldest first, so the oldest is the one to give up.
 */
export class PendingSessions {
  private readonly byClient = new Map<string, LiveSession[]>();
  private readonly clientOf = new Map<LiveSession, string>();

  /** How many sessions are pending, of every client. */
  get size(): number {
    return this.clientOf.size;
  }

  /**
   * Counts `session` as `client`'s. If that makes the client's more than `perClient`, its
   * oldest is no longer counted and is returned, for the caller to end.
   */
  add(session: LiveSession, client: string, perClient: number): LiveSession | null {
    let sessions = this.byClient.get(client);
    if (sessions === undefined) this.byClient.set(client, (sessions = []));
    sessions.push(session);
    this.clientOf.set(session, client);
    if (sessions.length <= perClient) return null;
    const oldest = sessions[0];
    this.delete(oldest);
    return oldest;
  }

  /** `session` is pending no more: its tab joined, or it ended. */
  delete(session: LiveSession): void {
    const client = this.clientOf.get(session);
    if (client === undefined) return;
    this.clientOf.delete(session);
    const sessions = this.byClient.get(client)!;
    sessions.splice(sessions.indexOf(session), 1);
    if (sessions.length === 0) this.byClient.delete(client);
  }
}
