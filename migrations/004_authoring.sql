-- Teams run their own projects: everything a dashboard document holds has a place, every list
-- keeps its order, and tenants invite people with one-time sign-in links.
--
-- The triggers of the new tables are generated into 005 (scripts/gen_triggers.ts).

-- Projects: the header and footer of a dashboard, archiving, and unknown sections kept as written.
ALTER TABLE projects
  ADD COLUMN update_frequency text,
  ADD COLUMN review_cycle text,
  ADD COLUMN archived_at timestamptz,
  ADD COLUMN last_updated text,
  ADD COLUMN extra_sections jsonb NOT NULL DEFAULT '[]'::jsonb
    CHECK (jsonb_typeof(extra_sections) = 'array');
UPDATE projects SET last_updated = to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') ||
  ' (' || to_char(updated_at AT TIME ZONE 'UTC', 'FMHH12:MI AM') || ')';
CREATE INDEX projects_active_idx ON projects (tenant_id, name) WHERE archived_at IS NULL;

-- Positions are unique per list, checked at the end of each statement, so one UPDATE can swap two
-- rows or close a gap.
ALTER TABLE phases DROP CONSTRAINT phases_project_id_position_key,
  ADD CONSTRAINT phases_project_id_position_key UNIQUE (project_id, position)
    DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE tasks DROP CONSTRAINT tasks_phase_id_position_key,
  ADD CONSTRAINT tasks_phase_id_position_key UNIQUE (phase_id, position)
    DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE team_assignments DROP CONSTRAINT team_assignments_project_id_position_key,
  ADD CONSTRAINT team_assignments_project_id_position_key UNIQUE (project_id, position)
    DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE metrics DROP CONSTRAINT metrics_project_id_metric_group_position_key,
  ADD CONSTRAINT metrics_project_id_metric_group_position_key
    UNIQUE (project_id, metric_group, position) DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE milestones DROP CONSTRAINT milestones_project_id_position_key,
  ADD CONSTRAINT milestones_project_id_position_key UNIQUE (project_id, position)
    DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE milestone_items DROP CONSTRAINT milestone_items_milestone_id_position_key,
  ADD CONSTRAINT milestone_items_milestone_id_position_key UNIQUE (milestone_id, position)
    DEFERRABLE INITIALLY IMMEDIATE;

-- Metrics: which way a metric improves ('higher' is ≥ target, 'lower' is ≤ target).
ALTER TABLE metrics ADD COLUMN direction text CHECK (direction IN ('higher', 'lower'));

-- Milestones: the week heading's parenthetical, e.g. "Starting 2025-07-31".
ALTER TABLE milestones ADD COLUMN note text;

-- Risks keep their order.
ALTER TABLE risks ADD COLUMN position integer CHECK (position >= 0);
UPDATE risks r SET position = o.n - 1 FROM (
  SELECT id, row_number() OVER (PARTITION BY project_id ORDER BY created_at, id) AS n FROM risks
) o WHERE o.id = r.id;
ALTER TABLE risks ALTER COLUMN position SET NOT NULL,
  ADD CONSTRAINT risks_project_id_position_key UNIQUE (project_id, position)
    DEFERRABLE INITIALLY IMMEDIATE;

-- The log keeps its order, the day and time a document wrote (NULL for entries made in the app,
-- which show their `at`), and nested bullets; an imported entry may have no author or no text.
ALTER TABLE log_entries
  ADD COLUMN position integer CHECK (position >= 0),
  ADD COLUMN day_label text,
  ADD COLUMN time_label text,
  ADD COLUMN items text[] NOT NULL DEFAULT '{}',
  DROP CONSTRAINT log_entries_text_check,
  ADD CONSTRAINT log_entries_text_check CHECK (length(text) <= 4000);
UPDATE log_entries l SET position = o.n - 1 FROM (
  SELECT id, row_number() OVER (PARTITION BY project_id ORDER BY at, id) AS n FROM log_entries
) o WHERE o.id = l.id;
-- Entries written before items existed kept their bullets as "- " lines of the text.
UPDATE log_entries SET
  items = ARRAY(
    SELECT btrim(substr(btrim(x.line), 3))
    FROM unnest(string_to_array(replace(text, E'\r', ''), E'\n')) WITH ORDINALITY AS x (line, n)
    WHERE btrim(x.line) LIKE '- %' ORDER BY x.n
  ),
  text = coalesce((
    SELECT string_agg(btrim(x.line), ' ' ORDER BY x.n)
    FROM unnest(string_to_array(replace(text, E'\r', ''), E'\n')) WITH ORDINALITY AS x (line, n)
    WHERE btrim(x.line) <> '' AND btrim(x.line) NOT LIKE '- %'
  ), '')
WHERE text LIKE E'%\n%' OR text LIKE E'%\r%';
ALTER TABLE log_entries ALTER COLUMN position SET NOT NULL,
  ADD CONSTRAINT log_entries_project_id_position_key UNIQUE (project_id, position)
    DEFERRABLE INITIALLY IMMEDIATE;

-- Key accomplishments: "1. **Title** (owner)" with detail bullets.
CREATE TABLE accomplishments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  owner text CHECK (length(owner) BETWEEN 1 AND 200),
  details text[] NOT NULL DEFAULT '{}',
  position integer NOT NULL CHECK (position >= 0),
  CONSTRAINT accomplishments_project_id_position_key UNIQUE (project_id, position)
    DEFERRABLE INITIALLY IMMEDIATE
);

-- Next actions: groups such as "Immediate" (Today), "This Week", "Next Week" with checklists.
CREATE TABLE action_groups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  when_label text CHECK (length(when_label) BETWEEN 1 AND 200),
  position integer NOT NULL CHECK (position >= 0),
  CONSTRAINT action_groups_project_id_position_key UNIQUE (project_id, position)
    DEFERRABLE INITIALLY IMMEDIATE
);

CREATE TABLE action_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  group_id uuid NOT NULL REFERENCES action_groups(id) ON DELETE CASCADE,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
  done boolean NOT NULL DEFAULT false,
  position integer NOT NULL CHECK (position >= 0),
  CONSTRAINT action_items_group_id_position_key UNIQUE (group_id, position)
    DEFERRABLE INITIALLY IMMEDIATE
);
CREATE INDEX action_items_project_idx ON action_items (project_id);

-- Blockers: open while resolved_at is NULL.
CREATE TABLE blockers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
  resolved_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  position integer NOT NULL CHECK (position >= 0),
  CONSTRAINT blockers_project_id_position_key UNIQUE (project_id, position)
    DEFERRABLE INITIALLY IMMEDIATE
);

-- One-time sign-in links: only the SHA-256 of the token is kept.
CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX invitations_tenant_idx ON invitations (tenant_id);
CREATE INDEX invitations_user_idx ON invitations (user_id);
