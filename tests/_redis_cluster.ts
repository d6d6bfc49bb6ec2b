/**
 * The Redis Cluster fixture for integration tests (e.g. two app instances over one cluster):
 * the cache engine's own, shared so every test starts clusters the same way.
 *
 * @example
 * ```ts ignore
 * import { RedisClusterFixture } from "./_redis_cluster.ts";
 * const cluster = new RedisClusterFixture(); // 3 masters, 3 replicas, free ports, temp dir
 * await cluster.start();
 * try {
 *   const config = loadConfig({ REDIS_URL: cluster.redisUrl });
 * } finally {
 *   await cluster.stop(); // kills every node and removes the directory
 * }
 * ```
 *
 * @module
 */
export {
  ClusterNode,
  RedisClusterFixture,
  type RedisClusterFixtureOptions,
} from "../lib/cache/_redis_cluster.ts";
