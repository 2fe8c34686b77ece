// 013: a desktop PC connected to the bureau's server (同步). Both sides of the
// exchange live in the same schema, as every Taizhang can be either:
//
// - on the server: the pushes it took (sync_batches, so a push repeated after
//   a lost answer is answered again, never applied twice) and the cells a
//   street pushed that the district had changed meanwhile (sync_conflicts,
//   for the district to decide);
// - on the desktop: which local plan follows which plan of which server
//   (sync_links, with the server's ids mapped to local ones), what the server
//   held of each of the unit's cells at the last exchange (sync_cells: the
//   base a push is checked against, and the cell's sync state), the pushes
//   not yet answered (sync_outbox: written before sending, removed only when
//   the answer is recorded), and the 审核 states the server holds for the
//   unit (sync_reviews).
// Nothing here changes an existing table.
export default /* sql */ `

CREATE TABLE sync_batches (
  batch_id  TEXT PRIMARY KEY,
  user_id   INTEGER NOT NULL,
  plan_id   INTEGER NOT NULL,
  sent_by   TEXT NOT NULL,
  at        TEXT NOT NULL,
  result    TEXT NOT NULL
);

CREATE TABLE sync_conflicts (
  id            INTEGER PRIMARY KEY,
  plan_id       INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  unit_id       INTEGER NOT NULL,
  indicator_id  INTEGER NOT NULL,
  period        TEXT NOT NULL,
  value         REAL,
  note          TEXT,
  base          REAL,
  current       REAL,
  state         TEXT NOT NULL CHECK (state IN ('open','taken','kept')),
  pushed_by     TEXT NOT NULL,
  pushed_at     TEXT NOT NULL,
  decided_by    TEXT,
  decided_at    TEXT
);
CREATE INDEX sync_conflicts_plan ON sync_conflicts(plan_id, state);

CREATE TABLE sync_links (
  plan_id         INTEGER PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
  server          TEXT NOT NULL,
  server_id       TEXT NOT NULL,
  server_plan_id  INTEGER NOT NULL,
  unit_id         INTEGER NOT NULL,
  map             TEXT NOT NULL,
  pulled_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX sync_links_server ON sync_links(server_id, server_plan_id);

-- key: 'f|<local indicator id>|<period>' or 'p|<local task id>|<period>'; values as JSON.
CREATE TABLE sync_cells (
  plan_id   INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  key       TEXT NOT NULL,
  base      TEXT,
  sent      TEXT,
  state     TEXT CHECK (state IN ('sent','conflict','refused')),
  message   TEXT,
  at        TEXT,
  PRIMARY KEY (plan_id, key)
);

CREATE TABLE sync_outbox (
  batch_id    TEXT PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  payload     TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sync_reviews (
  plan_id  INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  period   TEXT NOT NULL,
  state    TEXT NOT NULL CHECK (state IN ('pending','approved','returned')),
  reason   TEXT,
  by_name  TEXT NOT NULL,
  at       TEXT NOT NULL,
  PRIMARY KEY (plan_id, period)
);
`;
