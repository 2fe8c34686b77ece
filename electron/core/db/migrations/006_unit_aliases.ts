// 006: unit aliases (owned by the import feature, issue 12). A name a table
// writes for a unit ("洪都" for 洪都街道, "新经济集聚区" for 新经济产业集聚区)
// that the user mapped once in an import is remembered, so later imports —
// in the window and on the command line — read it without asking again.
// The plans issue's unit maintenance lists and edits them. `alias` is
// normalised (no spaces, half-width); one alias names one unit.
export default /* sql */ `

CREATE TABLE unit_aliases (
  id          INTEGER PRIMARY KEY,
  unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  alias       TEXT NOT NULL UNIQUE,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  source      TEXT NOT NULL      -- the imported file's name
);
CREATE INDEX unit_aliases_unit ON unit_aliases(unit_id);
`;
