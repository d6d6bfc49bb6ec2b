import assert from "node:assert/strict";
import { dbTest } from "./_test_support.ts";
import { addTask, deleteTask, moveTask, setTaskStatus, updateTask } from "./tasks.ts";

dbTest(
  "tasks are added, edited, started, moved and deleted within their phase",
  async (t, demo) => {
    const { db, acme } = demo;
    const phase = async (i: number) => (await demo.load(acme)).phases[i];
    const architecture = await phase(3);
    const added = await addTask(db, acme, architecture.id, {
      title: "Cache <script>warm-up</script>",
      note: " after deploy ",
      assignee: " nextjs-ui-architect ",
    });
    await t.step("added at the end of the phase, to do", async () => {
      const task = (await phase(3)).tasks[5];
      assert.equal(added?.position, 5);
      assert.deepEqual([task.title, task.note, task.assignee, task.status], [
        "Cache <script>warm-up</script>",
        "after deploy",
        "nextjs-ui-architect",
        "todo",
      ]);
      const team = (await demo.load(acme)).team.find((r) => r.member === "nextjs-ui-architect");
      assert.deepEqual([team?.taskCount, team?.doneCount], [7, 6]);
    });
    await t.step("edited: an empty assignee is nobody", async () => {
      await updateTask(db, acme, added!.id, { title: "Warm-up", note: "", assignee: "" });
      const task = (await phase(3)).tasks[5];
      assert.deepEqual([task.title, task.note, task.assignee], ["Warm-up", "", null]);
    });
    await t.step("started: the phase is in progress", async () => {
      await setTaskStatus(db, acme, added!.id, "doing");
      const shown = await phase(3);
      assert.equal(shown.tasks[5].status, "doing");
      assert.equal(shown.status.label, "In Progress");
    });
    await t.step("moved up within its phase only", async () => {
      const moved = await moveTask(db, acme, added!.id, "up");
      assert.deepEqual(moved, { id: added!.id, position: 4, moved: true });
      const titles = (await phase(3)).tasks.map((task) => task.title);
      assert.deepEqual(titles.slice(3), [
        "Progressive enhancement",
        "Warm-up",
        "Canary deployment",
      ]);
      const first = (await phase(3)).tasks[0].id;
      assert.equal((await moveTask(db, acme, first, "up"))?.moved, false);
    });
    await t.step("deleted; the tasks after it move up", async () => {
      await deleteTask(db, acme, added!.id);
      const tasks = (await phase(3)).tasks;
      assert.deepEqual(tasks.map((task) => task.position), [0, 1, 2, 3, 4]);
      assert.equal(tasks[4].title, "Canary deployment");
    });
    await t.step("a task or phase of another tenant's project is not found", async () => {
      const globex = (await demo.load(demo.globex)).phases[0];
      const input = { title: "x", note: "", assignee: null };
      assert.equal(await addTask(db, acme, globex.id, input), null);
      assert.equal(await updateTask(db, acme, globex.tasks[0].id, input), null);
      assert.equal(await setTaskStatus(db, acme, globex.tasks[0].id, "done"), null);
      assert.equal(await moveTask(db, acme, globex.tasks[0].id, "down"), null);
      assert.equal(await deleteTask(db, acme, globex.tasks[0].id), null);
      assert.equal(await addTask(db, demo.foreign, globex.id, input), null);
      assert.equal((await demo.load(demo.globex)).phases[0].tasks.length, 2);
    });
  },
);
