/**
 * Weekly milestones with their checklists.
 *
 * @module
 */
import type { Milestone } from "../../lib/model/types.ts";

/**
 * The `#milestones` section.
 *
 * @example
 * ```tsx
 * <MilestonesSection milestones={dashboard.milestones} />
 * ```
 */
export function MilestonesSection(props: { milestones: Milestone[] }) {
  return (
    <section id="milestones" class="card section" aria-labelledby="milestones-title">
      <h2 id="milestones-title">Weekly milestones</h2>
      {props.milestones.length === 0 && <p class="muted">No milestones yet.</p>}
      <div class="milestone-grid">
        {props.milestones.map((milestone) => {
          const done = milestone.items.filter((item) => item.done).length;
          const titleId = `milestone-${milestone.id}-title`;
          return (
            <article key={milestone.id} class="milestone" aria-labelledby={titleId}>
              <h3 id={titleId}>
                {milestone.note ? `${milestone.title} (${milestone.note})` : milestone.title}
              </h3>
              <p class="milestone__count muted">
                {done} of {milestone.items.length} done
              </p>
              <ul class="checklist" role="list">
                {milestone.items.map((item) => (
                  <li
                    key={item.id}
                    class={item.done ? "checklist__item is-done" : "checklist__item"}
                  >
                    <span class="checklist__box" aria-hidden="true">{item.done ? "✓" : "☐"}</span>
                    <span class="visually-hidden">{item.done ? "Done: " : "Not done: "}</span>
                    {item.text}
                  </li>
                ))}
              </ul>
            </article>
          );
        })}
      </div>
    </section>
  );
}
