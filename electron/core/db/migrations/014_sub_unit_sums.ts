// 014: each month's sum of the sub-units' figures, kept up to date by SQLite
// (issue 15). The dashboard's district trend lines need, per indicator and
// period, the sum of the streets' figures and how many reported; at 2,000
// units × 40 indicators × 24 months that was a GROUP BY over 960,000 index
// entries on every open. These triggers add and subtract as figures are
// written (every writer: the grid, imports, returns, sync, merges), so the
// read is 960 rows.
//
// "Sub-unit" here is shared/model/units.ts subUnitsOf's rule as it bears on
// figures: a child of the parent that is not a department (a deactivated
// child holding figures in a plan is listed by that plan). A unit moved to
// another parent or made a department moves its figures' share with it.
// Sums are kept by adding and subtracting, so each change may leave the
// rounding error of one floating-point addition (below 1e-7 for totals under
// 1e9; readers round to the indicator's decimals). Two cases would leave
// more, and are worked out afresh instead: a sum whose last figure goes is
// removed (no residue), and a group from which a value of 1e9 or more is
// taken out (a mistyped huge figure corrected: subtracting it again would
// not give back the small addends it swallowed) is summed again from its
// figures. Every statement finds its rows by the primary key (parent first).
// The unit trigger reads a moved unit's figures without an index led by
// unit_id: a scan, but only when a unit changes parent or becomes/stops
// being a department. test/integration/
// sub-unit-sums.test.ts checks the table against a fresh GROUP BY after every
// kind of write. Written in SQL PostgreSQL reads too (store/postgres/
// translate.ts): the table named in ON CONFLICT … DO UPDATE, sum() over
// non-empty groups, IS DISTINCT FROM.
/** The old figure taken out of its group's sum; the group removed when it was the last (delete and update). */
const TAKE_OUT_OLD = /* sql */ `
  UPDATE sub_unit_sums SET total = total - OLD.value, reported = reported - 1
  WHERE parent_id = (SELECT parent_id FROM units WHERE id = OLD.unit_id AND kind <> 'department')
    AND indicator_id = OLD.indicator_id AND period = OLD.period;
  DELETE FROM sub_unit_sums WHERE parent_id = (SELECT parent_id FROM units WHERE id = OLD.unit_id AND kind <> 'department')
    AND indicator_id = OLD.indicator_id AND period = OLD.period AND reported = 0;`.slice(1);

/** A group a value of 1e9 or more left, summed again from its figures (delete and update). */
const RESUM_LARGE = /* sql */ `
  UPDATE sub_unit_sums SET total = (
    SELECT sum(f.value) FROM figures f JOIN units u ON u.id = f.unit_id
    WHERE f.indicator_id = sub_unit_sums.indicator_id AND f.period = sub_unit_sums.period
      AND u.parent_id = sub_unit_sums.parent_id AND u.kind <> 'department')
  WHERE abs(OLD.value) >= 1e9 AND parent_id = (SELECT parent_id FROM units WHERE id = OLD.unit_id AND kind <> 'department')
    AND indicator_id = OLD.indicator_id AND period = OLD.period AND reported > 0;`.slice(1);

export default /* sql */ `
CREATE TABLE sub_unit_sums (
  parent_id     INTEGER NOT NULL,
  indicator_id  INTEGER NOT NULL,
  period        TEXT NOT NULL,
  total         REAL NOT NULL,
  reported      INTEGER NOT NULL,
  PRIMARY KEY (parent_id, indicator_id, period)
) WITHOUT ROWID;

INSERT INTO sub_unit_sums (parent_id, indicator_id, period, total, reported)
SELECT u.parent_id, f.indicator_id, f.period, sum(f.value), count(*)
FROM figures f JOIN units u ON u.id = f.unit_id
WHERE u.parent_id IS NOT NULL AND u.kind <> 'department'
GROUP BY u.parent_id, f.indicator_id, f.period;

CREATE TRIGGER sub_unit_sums_insert AFTER INSERT ON figures
BEGIN
  INSERT INTO sub_unit_sums (parent_id, indicator_id, period, total, reported)
  SELECT u.parent_id, NEW.indicator_id, NEW.period, NEW.value, 1 FROM units u
  WHERE u.id = NEW.unit_id AND u.parent_id IS NOT NULL AND u.kind <> 'department'
  ON CONFLICT (parent_id, indicator_id, period) DO UPDATE SET total = sub_unit_sums.total + excluded.total, reported = sub_unit_sums.reported + 1;
END;

CREATE TRIGGER sub_unit_sums_delete AFTER DELETE ON figures
BEGIN
${TAKE_OUT_OLD}
${RESUM_LARGE}
END;

CREATE TRIGGER sub_unit_sums_update AFTER UPDATE OF indicator_id, unit_id, period, value ON figures
WHEN OLD.value <> NEW.value OR OLD.indicator_id <> NEW.indicator_id OR OLD.unit_id <> NEW.unit_id OR OLD.period <> NEW.period
BEGIN
${TAKE_OUT_OLD}
  INSERT INTO sub_unit_sums (parent_id, indicator_id, period, total, reported)
  SELECT u.parent_id, NEW.indicator_id, NEW.period, NEW.value, 1 FROM units u
  WHERE u.id = NEW.unit_id AND u.parent_id IS NOT NULL AND u.kind <> 'department'
  ON CONFLICT (parent_id, indicator_id, period) DO UPDATE SET total = sub_unit_sums.total + excluded.total, reported = sub_unit_sums.reported + 1;
${RESUM_LARGE}
END;

CREATE TRIGGER sub_unit_sums_unit_moved AFTER UPDATE OF parent_id, kind ON units
WHEN OLD.parent_id IS DISTINCT FROM NEW.parent_id OR (OLD.kind = 'department') <> (NEW.kind = 'department')
BEGIN
  UPDATE sub_unit_sums SET total = sub_unit_sums.total - s.moved_total, reported = sub_unit_sums.reported - s.moved_count
  FROM (SELECT indicator_id, period, sum(value) AS moved_total, count(*) AS moved_count FROM figures WHERE unit_id = OLD.id GROUP BY indicator_id, period) AS s
  WHERE OLD.parent_id IS NOT NULL AND OLD.kind <> 'department'
    AND sub_unit_sums.parent_id = OLD.parent_id AND sub_unit_sums.indicator_id = s.indicator_id AND sub_unit_sums.period = s.period;
  DELETE FROM sub_unit_sums WHERE parent_id = OLD.parent_id AND reported = 0;
  INSERT INTO sub_unit_sums (parent_id, indicator_id, period, total, reported)
  SELECT NEW.parent_id, indicator_id, period, sum(value), count(*) FROM figures
  WHERE unit_id = NEW.id AND NEW.parent_id IS NOT NULL AND NEW.kind <> 'department'
  GROUP BY indicator_id, period
  ON CONFLICT (parent_id, indicator_id, period) DO UPDATE SET total = sub_unit_sums.total + excluded.total, reported = sub_unit_sums.reported + excluded.reported;
END;
`;
