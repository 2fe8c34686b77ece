// 011: 催报 recorded (issue 16). Each time the district copies the 催报通知 or
// exports the 催报名单, one row per unit named in it: when, by whom and how, so
// the 催报 list can say when each unit was last reminded. A log like
// period_lock_events (no foreign keys): a plan's rows go with the plan, a
// merged unit's rows move to the unit it was merged into.
export default /* sql */ `
CREATE TABLE reminder_events (
  id       INTEGER PRIMARY KEY,
  plan_id  INTEGER NOT NULL,
  period   TEXT NOT NULL,
  unit_id  INTEGER NOT NULL,
  channel  TEXT NOT NULL CHECK (channel IN ('notice', 'list')),
  sent_by  TEXT NOT NULL,
  sent_at  TEXT NOT NULL
);
CREATE INDEX reminder_events_plan ON reminder_events(plan_id, period, unit_id);
`;
