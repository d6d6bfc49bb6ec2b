/**
 * The error page: a friendly explanation for an HTTP status, never a stack trace.
 *
 * @module
 */
import type { Role } from "../lib/model/types.ts";
import { Layout } from "./_layout.tsx";

/** Properties of {@linkcode ErrorPage}. */
export interface ErrorPageProps {
  /** The HTTP status being answered. */
  status: number;
  /** A message safe to show to the user. */
  message: string;
  user?: { name: string; email: string };
  tenant?: { name: string };
  role?: Role;
}

const titles: Record<number, string> = {
  400: "Bad request",
  401: "Please sign in",
  403: "Access denied",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Too large",
  415: "Unsupported content",
  422: "Please check your input",
  429: "Too many requests",
  500: "Something went wrong",
  502: "Service unavailable",
  503: "Service unavailable",
  504: "Service unavailable",
};

const hints: Record<number, string> = {
  401: "Your session may have ended.",
  403: "Your account is not allowed to do this here.",
  404: "The page or project does not exist, or it belongs to another organisation.",
  413: "What you sent is larger than Beacon accepts. Please shorten it and try again.",
  429: "You are going a bit fast. Please wait a moment and try again.",
  503: "Beacon cannot reach a service it depends on. Please try again shortly.",
};

/**
 * The document title Beacon uses for an HTTP status, such as "Not found" for 404.
 *
 * @example
 * ```ts
 * errorTitle(404); // "Not found"
 * ```
 */
export function errorTitle(status: number): string {
  return titles[status] ?? (status >= 500 ? "Something went wrong" : "Request failed");
}

/**
 * A full error document for `status` with `message`.
 *
 * @example
 * ```tsx
 * render(<ErrorPage status={404} message="No such project" />);
 * ```
 */
export function ErrorPage(props: ErrorPageProps) {
  const title = errorTitle(props.status);
  const hint = hints[props.status] ?? (props.status >= 500 ? hints[503] : undefined);
  const signedIn = Boolean(props.user);
  return (
    <Layout title={title} user={props.user} tenant={props.tenant} role={props.role}>
      <section class="card error-page" aria-labelledby="error-title">
        <p class="error-page__status">Error {props.status}</p>
        <h1 id="error-title">{title}</h1>
        {props.message && props.message !== title && <p>{props.message}</p>}
        {hint && <p class="muted">{hint}</p>}
        <p class="error-page__actions">
          {signedIn || props.status !== 401
            ? <a class="button" href="/">Back to your projects</a>
            : <a class="button" href="/login">Sign in</a>}
        </p>
      </section>
    </Layout>
  );
}
