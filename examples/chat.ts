import { Component, html, type JsonValue, type LiveEvent, type RouteProps, type Unsubscribe, type Untrack } from "tether-live";

const ROOMS = ["lobby", "random", "help"] as const;
/** Lines a tab keeps; older ones scroll away. */
const KEEP_LINES = 100;
/** How long "… is typing" shows after the last keystroke heard, and how often a typist says so. */
const TYPING_SHOWN = 3000;
const TYPING_EVERY = 1500;

interface Line {
  id: string;
  name: string;
  text: string;
}

interface ChatState {
  room: string;
  name: string;
  draft: string;
  lines: Line[];
  /** How many people (keys: a person's tabs count once) are in the room, in every process. */
  online: number;
  people: string[];
  /** Who is typing, until when (Date.now() ms). */
  typing: Record<string, number>;
}

/**
 * A chat with rooms, who's online and typing indicators, over pub/sub and presence: the same
 * code runs in one process (memory) or in several behind a load balancer (Redis, with
 * REDIS_URL), each tab's messages reaching every tab of the room in every process.
 */
export class Chat extends Component<RouteProps, ChatState> {
  state: ChatState = {
    room: "lobby",
    name: guestName(this.props.query.name),
    draft: "",
    lines: [],
    online: 0,
    people: [],
    typing: {},
  };
  private leaveRoom: Array<Unsubscribe | Untrack> = [];
  private lastTyping = 0;
  private typingTimer: NodeJS.Timeout | null = null;

  async mount() {
    const room = this.props.query.room;
    await this.join(ROOMS.includes(room as (typeof ROOMS)[number]) ? room : "lobby");
  }

  unmount() {
    if (this.typingTimer !== null) clearTimeout(this.typingTimer);
  }

  /** Moves to `room`: the old room's subscriptions and presence end, the new one's begin. */
  async join(room: string) {
    for (const leave of this.leaveRoom) void leave();
    this.setState({ room, lines: [], typing: {} });
    const topic = `chat:${room}`;
    this.leaveRoom = [
      this.subscribe(topic, this.heard),
      this.subscribe(`${topic}:typing`, this.heardTyping),
      this.onPresence(topic, this.countOnline),
      this.track(topic, this.state.name, { name: this.state.name }),
    ];
    await Promise.all(this.leaveRoom.map((leave) => leave.ready));
    await this.countOnline();
  }

  async countOnline() {
    const list = await this.session.listPresence(`chat:${this.state.room}`);
    const people = Object.keys(list).sort();
    this.setState({ online: people.length, people });
  }

  heard(message: JsonValue) {
    const line = message as unknown as Line;
    const typing = { ...this.state.typing };
    delete typing[line.name];
    this.setState({ lines: [...this.state.lines, line].slice(-KEEP_LINES), typing });
  }

  heardTyping(message: JsonValue) {
    this.setState({ typing: { ...this.state.typing, [String(message)]: Date.now() + TYPING_SHOWN } });
    if (this.typingTimer === null) this.typingTimer = setTimeout(() => this.forgetTypists(), TYPING_SHOWN);
  }

  forgetTypists() {
    this.typingTimer = null;
    const now = Date.now();
    const typing = Object.fromEntries(Object.entries(this.state.typing).filter(([, until]) => until > now));
    this.setState({ typing });
    if (Object.keys(typing).length > 0) this.typingTimer = setTimeout(() => this.forgetTypists(), TYPING_SHOWN);
  }

  type(event: LiveEvent) {
    this.setState({ draft: event.value ?? "" });
    const now = Date.now();
    if (now - this.lastTyping < TYPING_EVERY || event.value === "") return;
    this.lastTyping = now;
    void this.session.broadcastFrom(`chat:${this.state.room}:typing`, this.state.name);
  }

  async send(event: LiveEvent) {
    const text = String(event.form?.message ?? "").trim().slice(0, 500);
    this.setState({ draft: "" });
    this.lastTyping = 0;
    if (text !== "") await this.session.broadcast(`chat:${this.state.room}`, { id: crypto.randomUUID(), name: this.state.name, text });
  }

  render() {
    const { room, name, draft, lines, online, people } = this.state;
    const typists = Object.keys(this.state.typing).filter((who) => who !== name);
    return html`
      <main class="chat">
        <h1>Chat</h1>
        <p class="lead">Rooms, who's online and who's typing, over pub/sub and presence: with Redis, tabs on different processes talk to each other.</p>
        <p class="toolbar rooms">
          ${ROOMS.map((r) => html`<button key=${r} class=${r === room ? "room current" : "room"} aria-pressed=${r === room ? "true" : "false"} onClick=${() => this.join(r)}>#${r}</button>`)}
        </p>
        <p class="presence">You are <b id="me">${name}</b>. <span id="online">${online}</span> online in #${room}: <span id="people">${people.join(", ")}</span></p>
        <ul class="messages" aria-live="polite">
          ${lines.map((line) => html`<li key=${line.id} class="message"><b>${line.name}</b> ${line.text}</li>`)}
        </ul>
        <p class="typing" id="typing">${typists.length === 0 ? "" : `${typists.join(", ")} ${typists.length === 1 ? "is" : "are"} typing…`}</p>
        <form onSubmit=${this.send}>
          <input name="message" value=${draft} onInput=${this.type} placeholder="Say something, then Enter" autocomplete="off" aria-label="Message" />
          <button>Send</button>
        </form>
      </main>
    `;
  }
}

/** A name for a tab: `?name=` (tabs with the same name are one person), else a random guest. */
function guestName(given: string | undefined): string {
  const name = (given ?? "").trim().slice(0, 40);
  return name !== "" ? name : `guest-${Math.floor(1000 + Math.random() * 9000)}`;
}
