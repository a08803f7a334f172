import { readFile } from "node:fs/promises";
import { Component, html, type LiveEvent, type RouteProps, type UploadEntry } from "tether-live";
import { FileInput, UploadEntries, UploadPreview } from "tether-live/components";

interface Person {
  id: string;
  name: string;
  role: string;
  /** The avatar uploaded last, as a data: URL (an example keeps it in memory; an app stores the file). */
  avatar?: string;
}

/** The avatar's largest size: it travels in the page as a data: URL. */
const AVATAR_BYTES = 256 * 1024;

/** The people, in this process's memory: every tab sees a rename. */
const people = new Map<string, Person>(
  [
    { id: "1", name: "Ada Lovelace", role: "Analyst of the Analytical Engine" },
    { id: "2", name: "Grace Hopper", role: "Compiler pioneer" },
    { id: "3", name: "Alan Turing", role: "Computability and codebreaking" },
    { id: "4", name: "Katherine Johnson", role: "Orbital mechanics" },
    { id: "5", name: "Edsger Dijkstra", role: "Shortest paths, structured programs" },
  ].map((person) => [person.id, person]),
);

/**
 * `/profile`: the people, as links. `t-nav` on the page's element makes every link in it live
 * navigation: a click shows the person's page over the same connection, no new document.
 */
export class ProfileList extends Component<RouteProps> {
  render() {
    return html`
      <main class="profile" t-nav>
        <h1>Profile</h1>
        <p class="lead">A list and a page per person; moving between them is live navigation: one patch, the same connection. Back and forward too.</p>
        <ul id="people" class="profile-people">
          ${[...people.values()].map((p) => html`<li key=${p.id}><a href=${`/profile/${p.id}`}>${p.name}</a> <small>${p.role}</small></li>`)}
        </ul>
      </main>
    `;
  }
}

/**
 * `/profile/:id`: one person. Its neighbours' links keep this component mounted (the same
 * route): it gets the new `params` and renders once. The form renames the person; the avatar
 * uploads on choice, previewed in the page before its bytes have arrived, with its progress.
 */
export class PersonPage extends Component<RouteProps, { saved: string }> {
  state = { saved: "" };
  avatar = this.allowUpload("avatar", { accept: ["image/png", "image/jpeg", "image/webp", "image/gif"], maxFiles: 1, maxFileSize: AVATAR_BYTES, done: (entry) => this.storeAvatar(entry) });

  async storeAvatar(entry: UploadEntry) {
    const id = this.props.params.id;
    const bytes = await this.avatar.consume(entry, (file) => readFile(file.path));
    const person = people.get(id);
    if (person === undefined) return;
    people.set(id, { ...person, avatar: `data:${entry.type};base64,${bytes.toString("base64")}` });
    this.setState({ saved: "Avatar saved." });
  }

  rename(event: LiveEvent) {
    const person = people.get(this.props.params.id);
    const name = String(event.form?.name ?? "").trim();
    if (person === undefined || name === "") return;
    people.set(person.id, { ...person, name });
    this.setState({ saved: `Saved as ${name}.` });
  }

  render() {
    const id = this.props.params.id;
    const person = people.get(id);
    if (person === undefined) {
      return html`<main class="profile" t-nav><p><a id="back" href="/profile">← Everyone</a></p><h1>No one has the id ${id}</h1></main>`;
    }
    const ids = [...people.keys()];
    const at = ids.indexOf(id);
    const previous = ids[(at + ids.length - 1) % ids.length];
    const next = ids[(at + 1) % ids.length];
    return html`
      <main class="profile" t-nav>
        <p><a id="back" href="/profile">← Everyone</a></p>
        <h1 id="person-name">${person.avatar ? html`<img id="avatar" class="profile-avatar" src=${person.avatar} alt="" />` : null}${person.name}</h1>
        <p class="lead">${person.role}</p>
        <div class="profile-avatar-upload">
          <${FileInput} upload=${this.avatar} label="Avatar" help="An image of up to 256 KiB: it uploads when chosen." />
          ${this.avatar.entries.map((entry) => html`<${UploadPreview} key=${entry.id} entry=${entry} class="profile-avatar" />`)}
          <${UploadEntries} upload=${this.avatar} />
        </div>
        <form class="tether-form profile-edit" onSubmit=${this.rename}>
          <label>Name <input name="name" value=${person.name} autocomplete="off" /></label>
          <button class="tether-button tether-primary">Save</button>
          <output id="saved">${this.state.saved}</output>
        </form>
        <p class="toolbar"><a id="previous" href=${`/profile/${previous}`}>← Previous</a> <a id="next" href=${`/profile/${next}`}>Next →</a></p>
      </main>
    `;
  }
}
