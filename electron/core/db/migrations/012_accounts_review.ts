// 012: accounts of `taizhang serve` (users), their security record
// (account_events), and 审核 of figures (figure_reviews, figure_review_events).
// Nothing here changes an existing table: a desktop that never serves keeps
// working as before (no accounts, no review rows: every figure counts as the
// district's own, approved on entry).
export default /* sql */ `

-- An account of the intranet server. The password is kept only as a salted
-- scrypt hash with its parameters (scrypt:N:r:p:salt:hash); an entry account
-- (填报员) is bound to the unit it enters for.
CREATE TABLE users (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL COLLATE NOCASE,
  role             TEXT NOT NULL CHECK (role IN ('admin','entry','viewer')),
  unit_id          INTEGER REFERENCES units(id) ON DELETE RESTRICT,
  password_hash    TEXT NOT NULL,
  password_set_at  TEXT NOT NULL,
  failed_logins    INTEGER NOT NULL DEFAULT 0,
  locked_until     TEXT,
  disabled_at      TEXT,
  last_login_at    TEXT,
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  CHECK (role <> 'entry' OR unit_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_name ON users(name);

-- The accounts' security record, never deleted: logins, wrong passwords,
-- lockouts, refused calls (越权), and every change an admin made.
CREATE TABLE account_events (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER,
  user_name  TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('add','disable','enable','password','role','login','login_failed','locked','logout','denied')),
  detail     TEXT,
  by_name    TEXT,
  from_addr  TEXT,
  at         TEXT NOT NULL
);
CREATE INDEX account_events_user ON account_events(user_id, id);

-- 审核: the state of one unit's figures for one period of a plan (the
-- indicator's own period key). No row: the district entered them itself
-- (approved on entry).
CREATE TABLE figure_reviews (
  plan_id  INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  unit_id  INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
  period   TEXT NOT NULL,
  state    TEXT NOT NULL CHECK (state IN ('pending','approved','returned')),
  reason   TEXT,
  by_name  TEXT NOT NULL,
  at       TEXT NOT NULL,
  CHECK (state <> 'returned' OR length(trim(ifnull(reason, ''))) > 0),
  PRIMARY KEY (plan_id, unit_id, period)
);

-- Every step of 审核, never deleted: submitted, approved, returned (with the
-- reason), corrected by the district after approval.
CREATE TABLE figure_review_events (
  id       INTEGER PRIMARY KEY,
  plan_id  INTEGER NOT NULL,
  unit_id  INTEGER NOT NULL,
  period   TEXT NOT NULL,
  action   TEXT NOT NULL CHECK (action IN ('submit','approve','return','correct')),
  reason   TEXT,
  source   TEXT,
  by_name  TEXT NOT NULL,
  at       TEXT NOT NULL
);
CREATE INDEX figure_review_events_cell ON figure_review_events(plan_id, unit_id, period);
`;
