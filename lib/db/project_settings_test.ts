import assert from "node:assert/strict";
import { dbTest } from "./_test_support.ts";
import { listProjects, loadProjectDashboard } from "./projects.ts";
import { lastUpdatedLabel } from "../model/labels.ts";
import {
  archiveProject,
  createProject,
  restoreProject,
  updateProjectSettings,
} from "./project_settings.ts";

dbTest("a project is created, set up, archived and restored", async (t, demo) => {
  const { db } = demo;
  const tenantId = demo.acme.tenantId;
  const names = async () => (await listProjects(db, tenantId)).map((p) => [p.name, p.percent]);
  const scope = {
    tenantId,
    projectId: await createProject(db, tenantId, { name: " Launch\n", description: "Q3" }),
  };
  await t.step("created empty, active and listed", async () => {
    const d = await demo.load(scope);
    assert.deepEqual(
      [d.project.name, d.project.description, d.project.status, d.project.health],
      ["Launch", "Q3", "Active Development", "green"],
    );
    assert.equal(d.project.lastUpdated, lastUpdatedLabel(d.project.updatedAt));
    assert.deepEqual([d.phases, d.blockers, d.log, d.progress.total], [[], [], [], 0]);
    assert.deepEqual(await names(), [["Launch", 0], ["Redis Caching Implementation", 62]]);
  });
  await t.step("its header and footer are set", async () => {
    await updateProjectSettings(db, scope, {
      name: "Launch 2",
      description: "",
      status: "At Risk",
      health: "red",
      owner: "Ada Lovelace",
      updateFrequency: "Daily at 9 AM",
      reviewCycle: " ",
    });
    const p = (await demo.load(scope)).project;
    assert.deepEqual([p.name, p.status, p.health, p.owner, p.updateFrequency, p.reviewCycle], [
      "Launch 2",
      "At Risk",
      "red",
      "Ada Lovelace",
      "Daily at 9 AM",
      null,
    ]);
  });
  await t.step("archived: not listed, still loaded by id", async () => {
    const archived = await archiveProject(db, scope);
    assert.ok(archived?.archivedAt);
    assert.deepEqual(await names(), [["Redis Caching Implementation", 62]]);
    assert.equal((await demo.load(scope)).project.archivedAt, archived!.archivedAt);
  });
  await t.step("restored: listed again", async () => {
    assert.deepEqual(await restoreProject(db, scope), { id: scope.projectId, archivedAt: null });
    assert.equal((await names()).length, 2);
  });
  await t.step("another tenant's project is neither changed nor loaded", async () => {
    assert.equal(await archiveProject(db, demo.foreign), null);
    assert.equal(await restoreProject(db, demo.foreign), null);
    const settings = {
      name: "x",
      description: "",
      status: "",
      health: "green" as const,
      owner: "",
      updateFrequency: null,
      reviewCycle: null,
    };
    assert.equal(await updateProjectSettings(db, demo.foreign, settings), null);
    assert.equal(await loadProjectDashboard(db, tenantId, demo.globex.projectId), null);
    assert.equal((await listProjects(db, demo.globex.tenantId))[0].name, "Globex Product Launch");
  });
});
