import { Component, html, type LiveEvent, type RouteProps } from "tether-live";

interface Person {
  id: string;
  name: string;
  role: string;
}

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
 * route): it gets the new `params` and renders once. The form renames the person.
 */
export class PersonPage extends Component<RouteProps, { saved: string }> {
  state = { saved: "" };

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
        <h1 id="person-name">${person.name}</h1>
        <p class="lead">${person.role}</p>
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
