/**
 * The types that travel with each request.
 *
 * @module
 */
import type { VNode } from "preact";
import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import type { RequestContext } from "../context/context.ts";
import type { LoginThrottle } from "./rate_limit.ts";
import type { SessionHasher } from "./session.ts";

/** What the app is built from; made once by the composition root. */
export interface AppDeps {
  config: Config;
  db: Db;
  throttle: LoginThrottle;
  hasher: SessionHasher;
  /** Renders a page tree to a whole HTML document (islands, scripts). */
  renderPage(vnode: VNode, options: { nonce?: string }): string;
}

/** Hono's environment: per-request variables. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    /** The signed-in user's context; null for a visitor. */
    ctx: RequestContext | null;
    secureHeadersNonce?: string;
  };
}
