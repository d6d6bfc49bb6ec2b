import assert from "node:assert/strict";
import {
  audienceOf,
  flagsTopic,
  membersTopic,
  projectListTopic,
  projectTopic,
  resourcePathOf,
  sessionOfTopic,
  sessionTopic,
  tenantTopic,
  topicKind,
  userTopic,
} from "./topics.ts";

const ID = "5C0F3A36-21F5-4D1E-9A53-0C6F5B7D2E10";

Deno.test("topic helpers spell each topic once, lower-casing UUIDs", () => {
  const id = ID.toLowerCase();
  assert.equal(projectTopic(ID), `project:${id}`);
  assert.equal(projectListTopic(id), `projects:${id}`);
  assert.equal(tenantTopic(id), `tenant:${id}`);
  assert.equal(membersTopic(id), `members:${id}`);
  assert.equal(userTopic(id), `user:${id}`);
  assert.equal(flagsTopic(id), `flags:${id}`);
  assert.equal(flagsTopic(null), "flags:*");
  assert.equal(sessionTopic("abc_DEF-123"), "session:abc_DEF-123");
  assert.equal(topicKind(projectTopic(id)), "project");
  assert.equal(topicKind("nonsense:1"), undefined);
});

Deno.test("topic helpers reject segments that are not ids", () => {
  assert.throws(() => projectTopic("1; DROP TABLE"), /Cannot build topic "project"/);
  assert.throws(() => userTopic(""), TypeError);
  assert.throws(() => sessionTopic("a:b"), /is not a session id hash/);
});

Deno.test("audienceOf() reads each kind's declared audience; the global flags go to everyone", () => {
  const id = ID.toLowerCase();
  assert.equal(audienceOf(flagsTopic(null)), "everyone");
  assert.equal(audienceOf(flagsTopic(id)), "tenant");
  assert.equal(audienceOf(projectTopic(id)), "tenant");
  assert.equal(audienceOf(userTopic(id)), "user");
  assert.equal(audienceOf(sessionTopic("ab12")), "nobody");
  assert.equal(audienceOf("nonsense:1"), undefined);
  assert.equal(audienceOf("toString:1"), undefined);
});

Deno.test("resourcePathOf() names the store's resource a topic invalidates", () => {
  const id = ID.toLowerCase();
  assert.equal(resourcePathOf(projectTopic(id)), `/api/projects/${id}`);
  for (const topic of [userTopic(id), tenantTopic(id), flagsTopic(id), flagsTopic(null)]) {
    assert.equal(resourcePathOf(topic), "/api/context", topic);
  }
  assert.equal(resourcePathOf(projectListTopic(id)), "/api/projects");
  assert.equal(resourcePathOf(membersTopic(id)), "/api/members");
  assert.equal(resourcePathOf(sessionTopic("ab12")), undefined);
  assert.equal(sessionOfTopic(sessionTopic("ab12")), "ab12");
  assert.equal(sessionOfTopic(userTopic(id)), undefined);
});
