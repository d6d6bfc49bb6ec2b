import assert from "node:assert/strict";
import { asUnavailable, DatabaseUnavailableError } from "./unavailable.ts";

function coded(code: string, message = "boom"): Error {
  return Object.assign(new Error(message), { code });
}

Deno.test("asUnavailable() names why for socket, driver and server errors", () => {
  const cases: [Error, string, string][] = [
    [coded("ECONNREFUSED"), "refused", "Cannot reach the database: connection refused"],
    [coded("ECONNRESET"), "lost", "Cannot reach the database: connection reset"],
    [coded("CONNECT_TIMEOUT"), "timeout", "Cannot reach the database: connecting timed out"],
    [coded("CONNECTION_CLOSED"), "lost", "Cannot reach the database: connection closed"],
    [
      coded("CONNECTION_ENDED"),
      "closed",
      "Cannot reach the database: connection closed by this process",
    ],
    [
      coded("57P01", "Terminating connection due to administrator command"),
      "lost",
      "Cannot reach the database: terminating connection due to administrator command",
    ],
    [
      coded("57P03", "The database system is starting up"),
      "refused",
      "Cannot reach the database: the database system is starting up",
    ],
    [
      coded("28000", 'Role "app" is not permitted to log in'),
      "refused",
      'Cannot reach the database: role "app" is not permitted to log in',
    ],
    [
      coded("57014", "Canceling statement due to statement timeout"),
      "overloaded",
      "Cannot reach the database: canceling statement due to statement timeout",
    ],
    [coded("08006"), "lost", "Cannot reach the database: boom"],
  ];
  for (const [error, reason, message] of cases) {
    const unavailable = asUnavailable(error);
    assert.ok(unavailable instanceof DatabaseUnavailableError, String(error));
    assert.equal(unavailable.reason, reason, String(error));
    assert.equal(unavailable.message, message);
    assert.equal(unavailable.cause, error);
    assert.equal(unavailable.retryAfterSeconds, 1);
  }
});

Deno.test("asUnavailable() leaves errors about the statement alone", () => {
  assert.equal(asUnavailable(coded("23505", "duplicate key")), null);
  assert.equal(asUnavailable(coded("42601", "syntax error")), null);
  assert.equal(asUnavailable(new TypeError("not a database error")), null);
  assert.equal(asUnavailable("a string"), null);
});

Deno.test("asUnavailable() returns a DatabaseUnavailableError as it is", () => {
  const error = new DatabaseUnavailableError("down", "it failed moments ago");
  assert.equal(asUnavailable(error), error);
});

Deno.test("only refusals, losses and timeouts blame the server", () => {
  const blamed = (["refused", "lost", "timeout", "overloaded", "down", "closed"] as const)
    .filter((reason) => new DatabaseUnavailableError(reason, "x").blamesServer);
  assert.deepEqual(blamed, ["refused", "lost", "timeout"]);
});
