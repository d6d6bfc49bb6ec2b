import assert from "node:assert/strict";
import { renderToString } from "preact-render-to-string";
import { TaskStatus, type TaskStatusProps } from "./TaskStatus.tsx";

const PROPS: TaskStatusProps = {
  projectId: "p-1",
  taskId: "t-1",
  title: "Ship <it>",
  status: "doing",
  canEdit: true,
};

Deno.test("TaskStatus renders a form that posts without JavaScript", () => {
  const html = renderToString(<TaskStatus {...PROPS} />);
  assert.ok(html.startsWith('<span class="task-status" data-task-id="t-1" data-status="doing">'));
  assert.ok(
    html.includes('<form class="task-status-form" method="post" action="/projects/p-1/tasks/t-1">'),
  );
  assert.ok(html.includes('<select name="status" aria-label="Status of Ship &lt;it>">'));
  assert.ok(html.includes('<option value="todo">To do</option>'));
  assert.ok(html.includes('<option value="doing" selected>In progress</option>'));
  assert.ok(html.includes('<option value="done">Done</option>'));
  assert.ok(html.includes('<button type="submit">Save</button>'));
  assert.ok(!html.includes("_csrf"));
  assert.ok(!html.includes('role="alert"'));
});

Deno.test("TaskStatus sends the CSRF token as a hidden field", () => {
  const html = renderToString(<TaskStatus {...PROPS} csrf='t"k' />);
  assert.ok(html.includes('<input type="hidden" name="_csrf" value="t&quot;k"/>'));
});

Deno.test("TaskStatus marks a done task with a tick", () => {
  const done = renderToString(<TaskStatus {...PROPS} status="done" />);
  assert.ok(done.includes('data-status="done"'));
  assert.ok(done.includes('<span class="task-status-mark" aria-hidden="true">✓</span>'));
  const todo = renderToString(<TaskStatus {...PROPS} status="todo" />);
  assert.ok(todo.includes('<span class="task-status-mark" aria-hidden="true"></span>'));
});

Deno.test("TaskStatus shows the status as text to a viewer who cannot edit", () => {
  const html = renderToString(<TaskStatus {...PROPS} status="done" canEdit={false} />);
  assert.equal(
    html,
    '<span class="task-status" data-task-id="t-1" data-status="done">' +
      '<span class="task-status-mark" aria-hidden="true">✓</span>' +
      '<span class="task-status-text">Done</span></span>',
  );
});

Deno.test("TaskStatus escapes ids in the form action", () => {
  const html = renderToString(<TaskStatus {...PROPS} projectId="a/b" taskId="c?d" />);
  assert.ok(html.includes('action="/projects/a%2Fb/tasks/c%3Fd"'));
});
