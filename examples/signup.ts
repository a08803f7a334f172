import { Component, html } from "tether-live";
import { EmailInput, field, Form, PasswordInput, TextInput, type FormValues } from "tether-live/components";

/** Names already taken. The check is async, as a database lookup would be. */
const TAKEN = new Set(["admin", "root", "tether"]);

async function isTaken(name: string): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 150));
  return TAKEN.has(name.toLowerCase());
}

const fields = [
  field(TextInput, {
    name: "username", label: "Username", required: true, minLength: 3, maxLength: 20, autocomplete: "username",
    pattern: "[A-Za-z0-9_]+", patternMessage: "Use letters, digits and _ only.", help: "3 to 20 letters, digits or _.",
    validate: async (name) => ((await isTaken(name)) ? `"${name}" is taken; try another.` : undefined),
  }),
  field(EmailInput, { name: "email", label: "Email", required: true, autocomplete: "email" }),
  field(PasswordInput, {
    name: "password", label: "Password", required: true, minLength: 8, autocomplete: "new-password", help: "At least 8 characters, with a digit and a letter.",
    validate: [(p) => (/\d/.test(p) ? undefined : "Add a digit."), (p) => (/[A-Za-z]/.test(p) ? undefined : "Add a letter.")],
  }),
  field(PasswordInput, { name: "confirm", label: "Repeat the password", required: true, autocomplete: "new-password" }),
];

type Signup = FormValues<typeof fields>;

/** The group validator: the two passwords must match (it fails the named field, `confirm`). */
const passwordsMatch = (v: Signup) => (v.confirm !== "" && v.confirm !== v.password ? { confirm: "The passwords differ." } : undefined);

/**
 * A sign-up form with live validation: messages appear as you type (after a pause) and when you
 * leave a field; the username is checked on the server, asynchronously; the passwords must
 * match. A valid submit signs you up.
 */
export class SignupPage extends Component<Record<string, never>, { user: string | null }> {
  state = { user: null as string | null };

  signUp = async (values: Signup) => {
    // Checked again on submit: the name may have been taken since it was checked.
    if (await isTaken(values.username)) return { username: `"${values.username}" is taken; try another.` };
    TAKEN.add(values.username.toLowerCase());
    this.setState({ user: values.username });
    return undefined;
  };

  again = () => this.setState({ user: null });

  render() {
    const { user } = this.state;
    return html`
      <main>
        <h1>Sign up</h1>
        <p class="lead">Validation runs on the server as you type: try the name <code>admin</code>, a short password, or two that differ.</p>
        ${user === null
          ? html`<${Form} fields=${fields} validate=${passwordsMatch} onSubmit=${this.signUp} submitLabel="Sign up" />`
          : html`<section id="signed-up" role="status"><p>Welcome, <strong>${user}</strong>: you are signed up.</p>
              <button class="tether-button tether-secondary" onClick=${this.again}>Sign up someone else</button></section>`}
      </main>
    `;
  }
}
