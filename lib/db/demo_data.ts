/**
 * The demo data that is not a dashboard: tenants, people and flags. Each tenant's dashboards
 * are Markdown files in `demo/`, imported by `seedDemo`.
 *
 * @module
 */
import type { Role } from "../model/types.ts";

/** The password of every demo user. */
export const DEMO_PASSWORD = "beacon-demo";

interface DemoUser {
  email: string;
  name: string;
  phone: string | null;
  role: Role;
}

/** A demo tenant with its people and the Markdown files of its projects. */
export interface DemoTenant {
  name: string;
  slug: string;
  users: DemoUser[];
  /** File names in `lib/db/demo/`, each a dashboard in the Markdown format. */
  dashboards: string[];
}

/** The demo tenants, exactly as the README and tests describe them. */
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

/** The flags every installation starts with (global defaults). */
export const DEMO_FLAGS = [
  { key: "cache", description: "Serve pages and API responses through the cache" },
  { key: "live_updates", description: "Push changes to open pages over the WebSocket" },
  { key: "request_batching", description: "Revalidate changed resources in one batched request" },
];
