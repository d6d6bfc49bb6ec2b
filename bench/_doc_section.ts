/**
 * Writing a benchmark's section of `docs/performance.md`, leaving the other sections alone.
 *
 * @module
 */

/**
 * Replaces the section headed `heading` (`## …`, up to the next `#` or `##` heading) of a
 * Markdown file with `section`; appends it when the file has none, and makes the file when
 * there is none.
 *
 * @example
 * ```ts ignore
 * await writeSection("docs/performance.md", "## Load test", "## Load test\n\n…");
 * ```
 */
export async function writeSection(
  path: string | URL,
  heading: string,
  section: string,
): Promise<void> {
  let text = "";
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start === -1) {
    await Deno.writeTextFile(path, `${text.trimEnd()}\n\n${section.trimEnd()}\n`.trimStart());
    return;
  }
  let end = lines.findIndex((l, i) => i > start && /^#{1,2} /.test(l));
  if (end === -1) end = lines.length;
  const head = lines.slice(0, start).join("\n").trimEnd();
  const tail = lines.slice(end).join("\n").trim();
  await Deno.writeTextFile(
    path,
    [head, section.trimEnd(), tail].filter(Boolean).join("\n\n") + "\n",
  );
}
