/**
 * The island registry: which component functions are islands, under which name, and in which
 * bundle chunk their code lives. Islands are detected by component identity, as Fresh does.
 *
 * @module
 */
import type { ComponentType } from "preact";

// deno-lint-ignore no-explicit-any
type AnyComponent = ComponentType<any>;

/** One registered island. */
export interface Island {
  /** The name in the comment markers and the key the boot runtime looks the component up by. */
  name: string;
  /** The bundle chunk holding it: the base name of its file in `islands/` (`TaskStatus`). */
  chunk: string;
  /** The name it is exported under from its chunk (`default` for a default export). */
  exportName: string;
  /** The component function itself. */
  component: AnyComponent;
}

/** Options of {@linkcode registerIsland}. */
export interface RegisterIslandOptions {
  /** The island's name; must be a JavaScript identifier, unique across islands. */
  name: string;
  /** The base name of the island's file in `islands/`, without extension. */
  chunk: string;
  /** The export name in the chunk. Defaults to `name`. */
  exportName?: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const CHUNK = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
/** Chunk names the build reserves for its own entry points. */
const RESERVED_CHUNKS = new Set(["client", "manifest"]);

const byComponent = new Map<AnyComponent, Island>();
const byName = new Map<string, Island>();

/**
 * Registers one component as an island. Registering the same component again under the same
 * name and chunk is a no-op.
 *
 * @param component The component function exported from a file in `islands/`.
 * @param options Its name, chunk and export name.
 * @returns The registered island.
 * @throws {TypeError} If the name or chunk is malformed, or the name is taken by another component.
 *
 * @example
 * ```ts
 * import { registerIsland } from "./registry.ts";
 * function Clock() { return null; }
 * const island = registerIsland(Clock, { name: "Clock", chunk: "Clock" });
 * console.log(island.chunk); // "Clock"
 * ```
 */
export function registerIsland(component: AnyComponent, options: RegisterIslandOptions): Island {
  const { name, chunk, exportName = name } = options;
  if (typeof component !== "function") {
    throw new TypeError(`Cannot register island "${name}": it is not a component function`);
  }
  if (!IDENTIFIER.test(name)) {
    throw new TypeError(`Cannot register island "${name}": the name is not an identifier`);
  }
  if (!CHUNK.test(chunk) || RESERVED_CHUNKS.has(chunk)) {
    throw new TypeError(`Cannot register island "${name}": chunk name "${chunk}" is not allowed`);
  }
  if (exportName !== "default" && !IDENTIFIER.test(exportName)) {
    throw new TypeError(
      `Cannot register island "${name}": export name "${exportName}" is not an identifier`,
    );
  }
  const known = byComponent.get(component);
  if (known) {
    if (known.name === name && known.chunk === chunk) return known;
    throw new TypeError(
      `Cannot register island "${name}": the component is already island "${known.name}"`,
    );
  }
  if (byName.has(name)) {
    throw new TypeError(`Cannot register island "${name}": another component has that name`);
  }
  const island: Island = { name, chunk, exportName, component };
  byComponent.set(component, island);
  byName.set(name, island);
  return island;
}

/**
 * Registers the components of one island module: every exported function whose name starts
 * with a capital letter (under its export name) and a default export (under the chunk name).
 * Other exports, such as helper functions and constants, are ignored.
 *
 * @param chunk The base name of the module's file in `islands/` (`"TaskStatus"`).
 * @param module The module namespace object (`import * as m from "./TaskStatus.tsx"`).
 * @returns The islands registered.
 *
 * @example
 * ```ts
 * import { registerIslandModule } from "./registry.ts";
 * const islands = registerIslandModule("Greeting", { Greeting: () => null });
 * console.log(islands[0].name); // "Greeting"
 * ```
 */
export function registerIslandModule(chunk: string, module: Record<string, unknown>): Island[] {
  const registered: Island[] = [];
  for (const [exportName, value] of Object.entries(module)) {
    if (typeof value !== "function") continue;
    if (exportName !== "default" && !/^[A-Z]/.test(exportName)) continue;
    const name = exportName === "default" ? chunk : exportName;
    registered.push(registerIsland(value as AnyComponent, { name, chunk, exportName }));
  }
  return registered;
}

/**
 * Finds the island a component function is registered as.
 *
 * @param component Any vnode type.
 * @returns The island, or `undefined` when it is not an island.
 *
 * @example
 * ```ts
 * import { findIsland } from "./registry.ts";
 * console.log(findIsland("div")); // undefined
 * ```
 */
export function findIsland(component: unknown): Island | undefined {
  return typeof component === "function" ? byComponent.get(component as AnyComponent) : undefined;
}

/**
 * Lists the registered islands.
 *
 * @returns Every registered island, in registration order.
 *
 * @example
 * ```ts
 * import { registeredIslands } from "./registry.ts";
 * console.log(registeredIslands().map((island) => island.name));
 * ```
 */
export function registeredIslands(): Island[] {
  return [...byName.values()];
}
