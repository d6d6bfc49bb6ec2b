/**
 * Health probes of L2 through the guard (its breakers and deadline): one GET of a fixed key, or
 * with Redis Cluster one GET per node, of a key that node serves.
 *
 * @module
 */
import { type L2Guard, UNAVAILABLE } from "./l2_guard.ts";

const PROBE_KEY = "beacon-health-probe";

/**
 * Whether L2 answers: with a sharded store, whether every node does.
 *
 * @param guard The guarded store.
 * @returns False when a probe failed, passed its deadline or met an open breaker.
 */
export async function probeL2(guard: L2Guard): Promise<boolean> {
  if (guard.store.nodes !== undefined) {
    const nodes = await probeL2Nodes(guard);
    return nodes.length > 0 && nodes.every((n) => n.ok);
  }
  return await guard.call(PROBE_KEY, (store) => store.get(PROBE_KEY)) !== UNAVAILABLE;
}

/**
 * Probes each node of a sharded store; empty for a store of one node.
 *
 * @param guard The guarded store.
 * @returns Each node and whether it answered.
 */
export function probeL2Nodes(guard: L2Guard): Promise<{ node: string; ok: boolean }[]> {
  const nodes = guard.store.nodes?.() ?? [];
  return Promise.all(nodes.map(async ({ node, probeKey }) => ({
    node,
    ok: await guard.call(probeKey, (store) => store.get(probeKey)) !== UNAVAILABLE,
  })));
}
