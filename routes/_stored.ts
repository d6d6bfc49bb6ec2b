/**
 * What a route passes as the page when the rendered page is known to be stored under its ETag.
 *
 * @module
 */

/** Never called: the page cache answers with the stored page. */
export function storedPage(): never {
  throw new Error("A stored page was rendered again");
}
