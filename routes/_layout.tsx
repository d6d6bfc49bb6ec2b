/**
 * The HTML document every page renders into: head, top bar and main area.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import type { Role } from "../lib/model/types.ts";
import { ADMIN_ROLES } from "../lib/model/context.ts";
import { buildFileUrl } from "../lib/islands/mod.ts";

/** Properties of {@linkcode Layout}. */
export interface LayoutProps {
  /** The page's own title; the document title becomes "<title> · Beacon". */
  title: string;
  /** The signed-in user, if any; shows the name, role and a sign-out button. */
  user?: { name: string; email: string };
  /** The signed-in user's tenant. */
  tenant?: { name: string };
  /** The user's role in the tenant. */
  role?: Role;
  children?: ComponentChildren;
}

const roleNames: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  viewer: "Viewer",
};

/**
 * A full `<html>` document. The caller prefixes `<!DOCTYPE html>` when sending it.
 *
 * @example
 * ```tsx
 * render(<Layout title="Projects" user={user} tenant={tenant} role="owner">...</Layout>);
 * ```
 */
export function Layout(props: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${props.title} · Beacon`}</title>
        {/* Files of the build, immutable under its id: a repeat view fetches neither. */}
        <link rel="icon" href={buildFileUrl("favicon.svg")} type="image/svg+xml" />
        <link rel="stylesheet" href={buildFileUrl("app.css")} />
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <TopBar user={props.user} tenant={props.tenant} role={props.role} />
        <main id="main" class="container">{props.children}</main>
      </body>
    </html>
  );
}

function TopBar(props: Pick<LayoutProps, "user" | "tenant" | "role">) {
  return (
    <header class="topbar">
      <div class="container topbar__inner">
        <a class="brand" href="/">
          <svg class="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <circle cx="16" cy="16" r="14" fill="currentColor" opacity="0.2" />
            <circle cx="16" cy="16" r="8" fill="currentColor" opacity="0.5" />
            <circle cx="16" cy="16" r="4" fill="currentColor" />
          </svg>
          Beacon
        </a>
        {props.tenant && <span class="topbar__tenant">{props.tenant.name}</span>}
        {props.user && (
          <div class="topbar__user">
            <span class="topbar__name" title={props.user.email}>{props.user.name}</span>
            {props.role && <span class="role-badge">{roleNames[props.role] ?? props.role}</span>}
            {props.role === "owner" && <a class="topbar__link" href="/members">People</a>}
            {props.role && ADMIN_ROLES.includes(props.role) && (
              <a class="topbar__link" href="/admin/flags">Flags</a>
            )}
            <form method="post" action="/logout" class="topbar__logout">
              <button type="submit" class="button button--quiet">Sign out</button>
            </form>
          </div>
        )}
      </div>
    </header>
  );
}
