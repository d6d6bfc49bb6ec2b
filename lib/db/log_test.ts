import assert from "node:assert/strict";
import { dbTest } from "./_test_support.ts";
import { addLogEntry, splitLogText } from "./log.ts";
import { dayLabel, timeLabel } from "../model/labels.ts";

Deno.test("splitLogText() makes lines starting with a dash the entry's bullets", () => {
  assert.deepEqual(splitLogText("Shipped:\r\n- cache\n\n  - ETags \nmore"), {
    text: "Shipped: more",
    items: ["cache", "ETags"],
  });
  assert.deepEqual(splitLogText("- only\n- bullets"), { text: "", items: ["only", "bullets"] });
});

dbTest("a log entry made in the app goes last and shows its own day and time", async (_, demo) => {
  const { db, acme } = demo;
  const [ada] = await db.query<{ id: string }>(
    "SELECT id FROM users WHERE email = 'ada@acme.test'",
  );
  const entry = await addLogEntry(db, acme, {
    author: "Ada Lovelace",
    authorId: ada.id,
    text: "Deployed:\n- cache\n- ETags",
  });
  const log = (await demo.load(acme)).log;
  const last = log.at(-1)!;
  assert.equal(log.length, 10);
  assert.deepEqual(
    [last.id, last.author, last.text, last.items, last.position, last.dayLabel, last.timeLabel],
    [entry!.id, "Ada Lovelace", "Deployed:", ["cache", "ETags"], 9, null, null],
  );
  assert.deepEqual([last.day, last.time], [dayLabel(last.at), timeLabel(last.at)]);
  await assert.rejects(
    () => addLogEntry(db, acme, { author: "Ada", authorId: ada.id, text: " \n " }),
    RangeError,
  );
  assert.equal(
    await addLogEntry(db, demo.foreign, { author: "Ada", authorId: ada.id, text: "x" }),
    null,
  );
});
