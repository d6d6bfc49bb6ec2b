/**
 * The team assignment table.
 *
 * @module
 */
import type { TeamAssignment } from "../../lib/model/types.ts";
import { clampPercent } from "./format.ts";
import { ProgressBar, StatusDot, TableWrap } from "./ui.tsx";

/**
 * The `#team` section.
 *
 * @example
 * ```tsx
 * <TeamSection team={dashboard.team} />
 * ```
 */
export function TeamSection(props: { team: TeamAssignment[] }) {
  return (
    <section id="team" class="card section" aria-labelledby="team-title">
      <h2 id="team-title">Team assignments</h2>
      {props.team.length === 0
        ? <p class="muted">Nobody is assigned yet.</p>
        : (
          <TableWrap label="Team assignments">
            <table class="table table--stack">
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Status</th>
                  <th scope="col">Current task</th>
                  <th scope="col">Progress</th>
                </tr>
              </thead>
              <tbody>
                {props.team.map((row) => {
                  const progress = clampPercent(row.progress);
                  return (
                    <tr key={row.id}>
                      <th scope="row">{row.member}</th>
                      <td data-label="Status">
                        <StatusDot health={row.status} label={row.statusLabel} />
                      </td>
                      <td data-label="Current task">{row.currentTask}</td>
                      <td class="cell-progress" data-label="Progress">
                        <ProgressBar
                          value={progress}
                          max={100}
                          label={`${row.member}: progress`}
                          text={`${progress}%`}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        )}
    </section>
  );
}
