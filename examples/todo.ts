import { Component, html, type LiveEvent } from "tether-live";
import { RadioGroup, TextInput } from "tether-live/components";

interface Todo {
  id: number;
  title: string;
  done: boolean;
}

type Filter = "all" | "open" | "done";

const FILTERS = [
  { value: "all", label: "All" },
  { value: "open", label: "Open" },
  { value: "done", label: "Done" },
];

/**
 * A todo list: Enter adds the item and empties the field (the field renders `value=""` before
 * and after, and the server still clears it: it knows what the page shows); items are done,
 * deleted and filtered on the server; the count of open items follows.
 */
export class TodoPage extends Component<Record<string, never>, { todos: Todo[]; filter: Filter; nextId: number; error: string }> {
  state = {
    todos: [{ id: 1, title: "Try Tether", done: true }, { id: 2, title: "Write a form", done: false }] as Todo[],
    filter: "all" as Filter,
    nextId: 3,
    error: "",
  };

  add(event: LiveEvent) {
    const title = String(event.form?.title ?? "").trim();
    if (title === "") return this.setState({ error: "Type what to do first." });
    const { todos, nextId } = this.state;
    this.setState({ todos: [...todos, { id: nextId, title, done: false }], nextId: nextId + 1, error: "" });
  }

  toggle(event: LiveEvent) {
    const id = event.data.id as number;
    this.setState({ todos: this.state.todos.map((t) => (t.id === id ? { ...t, done: event.checked === true } : t)) });
  }

  remove(event: LiveEvent) {
    const id = event.data.id as number;
    this.setState({ todos: this.state.todos.filter((t) => t.id !== id) });
  }

  choose(event: LiveEvent) {
    this.setState({ filter: (event.value ?? "all") as Filter });
  }

  clearDone() {
    this.setState({ todos: this.state.todos.filter((t) => !t.done) });
  }

  render() {
    const { todos, filter, error } = this.state;
    const shown = todos.filter((t) => filter === "all" || (filter === "done") === t.done);
    const open = todos.filter((t) => !t.done).length;
    return html`
      <main class="todo">
        <h1>Todo</h1>
        <p class="lead">Enter adds an item and empties the field; every change is a small patch.</p>
        <form class="tether-form todo-add" onSubmit=${this.add}>
          <${TextInput} name="title" label="What needs doing?" value="" placeholder="Buy milk" autocomplete="off" error=${error} />
          <button class="tether-button tether-primary">Add</button>
        </form>
        <${RadioGroup} name="filter" label="Show" inline=${true} value=${filter} options=${FILTERS} onChange=${this.choose} />
        <ul id="todos" class="todo-list">
          ${shown.map((t) => html`<li key=${t.id} class=${{ done: t.done }}>
            <input type="checkbox" id=${`todo-${t.id}`} checked=${t.done} data-id=${t.id} onChange=${this.toggle} />
            <label for=${`todo-${t.id}`}>${t.title}</label>
            <button class="tether-button tether-secondary todo-delete" aria-label=${`Delete ${t.title}`} data-id=${t.id} onClick=${this.remove}>Delete</button>
          </li>`)}
        </ul>
        <p class="todo-footer"><span><output id="open-count">${open}</output> open</span>
          <button class="tether-button tether-secondary" disabled=${todos.length === open} onClick=${this.clearDone}>Clear done</button></p>
      </main>
    `;
  }
}
