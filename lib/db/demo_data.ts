/**
 * The demo data that is not a dashboard: tenants, people and flags. Each tenant's dashboards
 * are Markdown files in `demo/`, imported by `seedDemo`.
 *
 * @module
 */
import type { Role } from "../model/types.ts";

/**
 * The password of every demo user.
 *
 * @example
 * ```ts
 * import { DEMO_PASSWORD } from "./demo_data.ts";
 * console.log(`Sign in as ada@acme.test with ${DEMO_PASSWORD}`);
 * ```
 */
export const DEMO_PASSWORD = "beacon-demo";

interface DemoUser {
  email: string;
  name: string;
  phone: string | null;
  role: Role;
}

/**
 * A demo tenant with its people and the Markdown files of its projects.
 *
 * @example
 * ```ts
 * import type { DemoTenant } from "./demo_data.ts";
 * const tenant: DemoTenant = { name: "Initech", slug: "initech", users: [], dashboards: [] };
 * ```
 */
export interface DemoTenant {
  name: string;
  slug: string;
  users: DemoUser[];
  /** File names in `lib/db/demo/`, each a dashboard in the Markdown format. */
  dashboards: string[];
}

/**
 * The demo tenants, exactly as the README and tests describe them.
 *
 * @example
 * ```ts
 * import { DEMO_TENANTS } from "./demo_data.ts";
 * console.log(DEMO_TENANTS.map((t) => t.dashboards).flat()); // the Markdown files seeded
 * ```
 */
export const DEMO_TENANTS: DemoTenant[] = [
  {
    name: "Acme",
    slug: "acme",
    users: [
      { email: "ada@acme.test", name: "Ada Lovelace", phone: "+1 555 0100", role: "owner" },
      { email: "grace@acme.test", name: "Grace Hopper", phone: "+1 555 0101", role: "member" },
      { email: "linus@acme.test", name: "Linus Torvalds", phone: null, role: "viewer" },
    ],
    dashboards: ["acme-redis-caching.md"],
  },
  {
    name: "Globex",
    slug: "globex",
    users: [
      { email: "hank@globex.test", name: "Hank Scorpio", phone: "+1 555 0199", role: "owner" },
    ],
    dashboards: ["globex-product-launch.md"],
  },
];

/**
 * The flags every installation starts with (global defaults).
 *
 * @example
 * ```ts
 * import { DEMO_FLAGS } from "./demo_data.ts";
 * console.log(DEMO_FLAGS.map((f) => f.key)); // ["cache", "live_updates", "request_batching"]
 * ```
 */
export const DEMO_FLAGS = [
  { key: "cache", description: "Serve pages and API responses through the cache" },
  { key: "live_updates", description: "Push changes to open pages over the WebSocket" },
  { key: "request_batching", description: "Revalidate changed resources in one batched request" },
];
