-- Sign-in attempts per email and per client address, shared by every instance (lib/db/login_attempts.ts).
CREATE TABLE login_attempts (
  scope text NOT NULL CHECK (scope IN ('email', 'address')),
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 320),
  failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  last_failure_at timestamptz NOT NULL DEFAULT now(),
  blocked_until timestamptz,
  PRIMARY KEY (scope, key)
);
