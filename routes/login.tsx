/**
 * The sign-in page.
 *
 * @module
 */
import { Layout } from "./_layout.tsx";

/** Properties of {@linkcode LoginPage}. */
export interface LoginPageProps {
  /** The e-mail address entered before, kept after a failed attempt. */
  email?: string;
  /** Why the last attempt failed. */
  error?: string;
  /** Where to go after signing in; posted back as a hidden field. */
  next?: string;
}

const demoLogins = [
  { email: "ada@acme.test", tenant: "Acme", role: "owner" },
  { email: "grace@acme.test", tenant: "Acme", role: "member" },
  { email: "linus@acme.test", tenant: "Acme", role: "viewer" },
  { email: "hank@globex.test", tenant: "Globex", role: "owner" },
];

/**
 * A full sign-in document: a form posting `email` and `password` to `/login`.
 *
 * @example
 * ```tsx
 * render(<LoginPage email="ada@acme.test" error="Wrong e-mail or password" />);
 * ```
 */
export function LoginPage(props: LoginPageProps) {
  return (
    <Layout title="Sign in">
      <div class="login">
        <section class="card login__card" aria-labelledby="login-title">
          <h1 id="login-title">Sign in to Beacon</h1>
          {props.error && <div class="form-alert" role="alert">{props.error}</div>}
          <form method="post" action="/login" class="stack">
            {props.next && <input type="hidden" name="next" value={props.next} />}
            <div class="field">
              <label for="login-email">E-mail</label>
              <input
                id="login-email"
                name="email"
                type="email"
                autocomplete="username"
                required
                autofocus={!props.email}
                value={props.email ?? ""}
              />
            </div>
            <div class="field">
              <label for="login-password">Password</label>
              <input
                id="login-password"
                name="password"
                type="password"
                autocomplete="current-password"
                required
                autofocus={Boolean(props.email)}
              />
            </div>
            <button type="submit" class="button button--primary">Sign in</button>
          </form>
        </section>
        <aside class="card demo-logins" aria-labelledby="demo-title">
          <h2 id="demo-title">Demo logins</h2>
          <p>
            Every demo account uses the password <code>beacon-demo</code>.
          </p>
          <TableDemo />
        </aside>
      </div>
    </Layout>
  );
}

function TableDemo() {
  return (
    <table class="table table--compact">
      <thead>
        <tr>
          <th scope="col">E-mail</th>
          <th scope="col">Organisation</th>
          <th scope="col">Role</th>
        </tr>
      </thead>
      <tbody>
        {demoLogins.map((login) => (
          <tr key={login.email}>
            <td>
              <code>{login.email}</code>
            </td>
            <td>{login.tenant}</td>
            <td>{login.role}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
