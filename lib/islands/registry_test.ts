import assert from "node:assert/strict";
import { findIsland, registeredIslands, registerIsland, registerIslandModule } from "./registry.ts";

Deno.test("registerIsland() makes the component findable by identity", () => {
  function RegistryCard() {
    return null;
  }
  const island = registerIsland(RegistryCard, { name: "RegistryCard", chunk: "RegistryCard" });
  assert.equal(findIsland(RegistryCard), island);
  assert.equal(findIsland(() => null), undefined);
  assert.equal(findIsland("div"), undefined);
  assert.ok(registeredIslands().includes(island));
});

Deno.test("registerIsland() is idempotent for the same component and name", () => {
  function RegistryTwice() {
    return null;
  }
  const first = registerIsland(RegistryTwice, { name: "RegistryTwice", chunk: "RegistryTwice" });
  assert.equal(
    registerIsland(RegistryTwice, { name: "RegistryTwice", chunk: "RegistryTwice" }),
    first,
  );
});

Deno.test("registerIsland() refuses clashing or malformed names", () => {
  function RegistryTaken() {
    return null;
  }
  registerIsland(RegistryTaken, { name: "RegistryTaken", chunk: "RegistryTaken" });
  assert.throws(
    () => registerIsland(() => null, { name: "RegistryTaken", chunk: "Other" }),
    { name: "TypeError", message: /another component has that name/ },
  );
  assert.throws(
    () => registerIsland(RegistryTaken, { name: "RegistryRenamed", chunk: "RegistryTaken" }),
    { name: "TypeError", message: /already island "RegistryTaken"/ },
  );
  assert.throws(() => registerIsland(() => null, { name: "not-an-id", chunk: "x" }), TypeError);
  assert.throws(() => registerIsland(() => null, { name: "Ok", chunk: "../x" }), TypeError);
  assert.throws(() => registerIsland(() => null, { name: "Ok", chunk: "client" }), TypeError);
});

Deno.test("registerIslandModule() registers capitalised function exports and the default", () => {
  function RegistryNamed() {
    return null;
  }
  function registryDefault() {
    return null;
  }
  const islands = registerIslandModule("RegistryModule", {
    RegistryNamed,
    default: registryDefault,
    helper: () => 1,
    CONSTANT: 3,
  });
  assert.deepEqual(
    islands.map(({ name, chunk, exportName }) => [name, chunk, exportName]),
    [["RegistryNamed", "RegistryModule", "RegistryNamed"], [
      "RegistryModule",
      "RegistryModule",
      "default",
    ]],
  );
});
