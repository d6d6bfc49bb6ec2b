import assert from "node:assert/strict";
import { isLoopback } from "./access.ts";

Deno.test("isLoopback() accepts 127.0.0.0/8 and ::1 only", () => {
  for (const a of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) {
    assert.ok(isLoopback(a), a);
  }
  for (const a of ["10.0.0.1", "192.168.1.2", "::ffff:10.0.0.1", "", undefined]) {
    assert.ok(!isLoopback(a), String(a));
  }
});
