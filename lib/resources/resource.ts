/**
 * The read model's descriptors: one per cached resource, naming whose it is, its key's kind
 * and id, the topics it is built from and its loader. Reads, a writer's refill and ETags all
 * take the same descriptor, so a resource is described in exactly one place.
 *
 * @module
 */
import type { Db } from "../db/connection.ts";
import { listProjectIds, listProjects, loadProjectDashboard } from "../db/projects.ts";
import type { ProjectDashboard, ProjectSummary } from "../model/types.ts";
import { projectListTopic, projectTopic } from "../model/topics.ts";

/** A cached resource: whose it is, its key's kind and id, its topics and its loader. */
export interface Resource<T> {
  /** The tenant it belongs to: its key and every topic are scoped by it. */
  readonly tenantId: string;
  /** What kind of value, part of its key and of its representations' ETags. */
  readonly kind: string;
  /** Which one of its kind. */
  readonly id: string;
  /** The topics whose versions its key and ETags carry. */
  readonly topics: readonly string[];
  /** Loads it from the database. */
  load(): Promise<T>;
}

// Topic lists are built once per id and remembered: they are read on every request.
const MAX_REMEMBERED = 50_000;

/**
 * The catalogue of cached resources over one database.
 *
 * @example
 * ```ts ignore
 * const resources = new Resources(db);
 * const dashboard = resources.dashboard(tenantId, projectId);
 * dashboard.topics; // ["project:<id>"]
 * ```
 */
export class Resources {
  #db: Db;
  #topics = new Map<string, readonly string[]>();

  /** @param db Where the loaders read. */
  constructor(db: Db) {
    this.#db = db;
  }

  /** A project's dashboard, or null when the tenant has no such project. */
  dashboard(tenantId: string, projectId: string): Resource<ProjectDashboard | null> {
    return {
      tenantId,
      kind: "dashboard",
      id: projectId,
      topics: this.#remember(`dashboard\n${projectId}`, () => [projectTopic(projectId)]),
      load: () => loadProjectDashboard(this.#db, tenantId, projectId),
    };
  }

  /** The tenant's projects, each with its progress. */
  projectList(tenantId: string): Resource<ProjectSummary[]> {
    return {
      tenantId,
      kind: "projects",
      id: tenantId,
      topics: this.#remember(`projects\n${tenantId}`, () => [projectListTopic(tenantId)]),
      load: () => listProjects(this.#db, tenantId),
    };
  }

  /**
   * The ids of every project of the tenant, archived ones included: which projects a reader may
   * be answered about at all, known before any ETag is compared (invariant 3).
   */
  catalog(tenantId: string): Resource<string[]> {
    return {
      tenantId,
      kind: "catalog",
      id: tenantId,
      topics: this.#remember(`projects\n${tenantId}`, () => [projectListTopic(tenantId)]),
      load: () => listProjectIds(this.#db, tenantId),
    };
  }

  /**
   * What readers ask for after a write to a project: its dashboard and the tenant's project
   * list, which a writer refills under its commit's versions.
   */
  projectWrite(tenantId: string, projectId: string): Resource<unknown>[] {
    return [
      this.dashboard(tenantId, projectId),
      this.projectList(tenantId),
      this.catalog(tenantId),
    ];
  }

  #remember(id: string, topics: () => string[]): readonly string[] {
    let found = this.#topics.get(id);
    if (!found) {
      if (this.#topics.size >= MAX_REMEMBERED) this.#topics.clear();
      found = topics();
      this.#topics.set(id, found);
    }
    return found;
  }
}
