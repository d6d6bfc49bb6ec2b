/**
 * A stand-in parent element that confines preact's `hydrate()`/`render()` to the nodes
 * between two comment markers (the "root fragment" technique Fresh uses).
 *
 * @module
 */

/**
 * Makes an object that preact can render into as if it were an element whose children are
 * exactly the siblings between `start` and `end`. Inserts go before `end`; removals and
 * every other operation act on the real parent.
 *
 * @param start The opening marker.
 * @param end The closing marker, a later sibling of `start`.
 * @returns A fake parent to pass to `hydrate()` or `render()`.
 * @throws {TypeError} If `start` has no parent or `end` is not its later sibling.
 *
 * @example
 * ```ts ignore
 * import { h, hydrate } from "preact";
 * import { createRootFragment } from "./root_fragment.ts";
 * const [start, end] = [document.createComment("a"), document.createComment("/a")];
 * document.body.append(start, end);
 * hydrate(h("p", null, "hi"), createRootFragment(start, end));
 * ```
 */
export function createRootFragment(start: Node, end: Node): Element {
  const parent = start.parentNode;
  if (!parent || end.parentNode !== parent) {
    throw new TypeError("Cannot hydrate island: its markers are not siblings");
  }
  function childNodes(): Node[] {
    const nodes: Node[] = [];
    for (let node = start.nextSibling; node && node !== end; node = node.nextSibling) {
      nodes.push(node);
    }
    return nodes;
  }
  function insertBefore<T extends Node>(node: T, before: Node | null): T {
    return parent!.insertBefore(node, before ?? end);
  }
  const fragment = {
    nodeType: 1,
    parentNode: parent,
    namespaceURI: (parent as Element).namespaceURI ?? "http://www.w3.org/1999/xhtml",
    get firstChild(): Node | null {
      return start.nextSibling === end ? null : start.nextSibling;
    },
    get childNodes(): Node[] {
      return childNodes();
    },
    insertBefore,
    appendChild<T extends Node>(node: T): T {
      return insertBefore(node, null);
    },
    removeChild<T extends Node>(node: T): T {
      return parent!.removeChild(node);
    },
    contains(node: Node | null): boolean {
      return childNodes().some((child) => child === node || child.contains(node));
    },
  };
  return fragment as unknown as Element;
}
