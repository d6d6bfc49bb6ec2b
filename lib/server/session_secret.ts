/**
 * The embedded database's session key: made once, at random, and kept in `DATA_DIR` beside the
 * database, so sessions survive a restart without a key anyone else knows.
 *
 * @module
 */
import { join } from "node:path";

const FILE = "session_secret";

/**
 * Reads the key kept in `dataDir`, or makes and keeps a new one (readable by its owner only).
 *
 * @param dataDir The embedded database's folder.
 * @returns A 256-bit key, base64url.
 * @example
 * ```ts ignore
 * const secret = config.sessionSecret ?? await embeddedSessionSecret(config.dataDir);
 * ```
 */
export async function embeddedSessionSecret(dataDir: string): Promise<string> {
  // A database in memory forgets its sessions with the process; so may its key.
  if (dataDir.startsWith("memory://")) return randomSecret();
  const path = join(dataDir, FILE);
  try {
    const kept = (await Deno.readTextFile(path)).trim();
    if (kept.length >= 16) return kept;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  await Deno.mkdir(dataDir, { recursive: true });
  const secret = randomSecret();
  await Deno.writeTextFile(path, secret + "\n", { mode: 0o600 });
  return secret;
}

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_")
    .replace(/=+$/, "");
}
