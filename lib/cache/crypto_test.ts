import assert from "node:assert/strict";
import { DecryptError, FieldCipher, parseCacheSecrets } from "./crypto.ts";

const SECRET = "first-secret-0123456789abcdef";
const ctx = { tenant: "acme", key: "t:s1:acme:user:u1::" };

Deno.test("seal() removes the fields and open() puts them back", async () => {
  const cipher = new FieldCipher(SECRET);
  const value = { user: { name: "Ada", email: "ada@acme.test", phone: "+44 1" }, n: 1 };
  const sealed = await cipher.seal(value, ["user.email", "user.phone", "user.missing"], ctx);
  assert.equal(sealed.length, 2);
  assert.deepEqual(value, { user: { name: "Ada" }, n: 1 });
  assert.ok(!JSON.stringify(sealed).includes("ada@acme.test"));
  await cipher.open(value, sealed, ctx);
  assert.deepEqual(value, { user: { name: "Ada", email: "ada@acme.test", phone: "+44 1" }, n: 1 });
});

Deno.test("seal() crosses arrays element by element", async () => {
  const cipher = new FieldCipher(SECRET);
  const value = { team: [{ email: "a@x.test" }, { email: "b@x.test" }, { name: "c" }] };
  const sealed = await cipher.seal(value, ["team.email"], ctx);
  assert.deepEqual(sealed.map((s) => s.p), [["team", 0, "email"], ["team", 1, "email"]]);
  await cipher.open(value, sealed, ctx);
  assert.deepEqual(value.team, [{ email: "a@x.test" }, { email: "b@x.test" }, { name: "c" }]);
});

Deno.test("seal() uses a fresh IV for every write", async () => {
  const cipher = new FieldCipher(SECRET);
  const [a] = await cipher.seal({ email: "x@y.test" }, ["email"], ctx);
  const [b] = await cipher.seal({ email: "x@y.test" }, ["email"], ctx);
  assert.notEqual(a.iv, b.iv);
  assert.notEqual(a.ct, b.ct);
});

Deno.test("open() fails for another tenant, another key, or another field", async () => {
  const cipher = new FieldCipher(SECRET);
  const sealed = await cipher.seal({ email: "x@y.test" }, ["email"], ctx);
  await assert.rejects(cipher.open({}, sealed, { ...ctx, tenant: "globex" }), DecryptError);
  await assert.rejects(cipher.open({}, sealed, { ...ctx, key: ctx.key + "x" }), DecryptError);
  await assert.rejects(cipher.open({}, [{ ...sealed[0], p: ["phone"] }], ctx), DecryptError);
  await assert.rejects(
    cipher.open({}, [{
      ...sealed[0],
      ct: sealed[0].ct.replace(/^./, (c) => c === "A" ? "B" : "A"),
    }], ctx),
    DecryptError,
  );
});

Deno.test("a rotated cipher encrypts with the newest id and still opens the older one", async () => {
  const old = new FieldCipher([{ id: 1, secret: SECRET }]);
  const sealed = await old.seal({ email: "x@y.test" }, ["email"], ctx);
  const rotated = new FieldCipher(`2:second-secret-0123456789abc,1:${SECRET}`);
  assert.equal(rotated.currentKeyId, 2);
  const target = {};
  await rotated.open(target, sealed, ctx);
  assert.deepEqual(target, { email: "x@y.test" });
  const fresh = await rotated.seal({ email: "x@y.test" }, ["email"], ctx);
  assert.equal(fresh[0].k, 2);
});

Deno.test("open() names the field and the unknown key id", async () => {
  const sealed = await new FieldCipher("2:second-secret-0123456789abc").seal(
    { email: "x@y.test" },
    ["email"],
    ctx,
  );
  await assert.rejects(
    new FieldCipher(SECRET).open({}, sealed, ctx),
    { name: "DecryptError", message: 'Cannot decrypt cache field "email": key id 2 is unknown' },
  );
});

Deno.test("parseCacheSecrets() reads one secret or an id list, and refuses weak ones", () => {
  assert.deepEqual(parseCacheSecrets(SECRET), [{ id: 1, secret: SECRET }]);
  assert.deepEqual(
    parseCacheSecrets(`1:${SECRET},3:third-secret-0123456789abc`).map((s) => s.id),
    [3, 1],
  );
  assert.throws(() => parseCacheSecrets("short"), RangeError);
  assert.throws(() => parseCacheSecrets(`1:${SECRET},1:${SECRET}`), RangeError);
});
