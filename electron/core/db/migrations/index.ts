/**
 * Numbered migrations. Migration N brings PRAGMA user_version from N-1 to N.
 * Append only: a released migration is never edited, a change is a new file.
 */
import m001 from './001_initial';
import m002 from './002_entry';
import m003 from './003_summary';
import m004 from './004_import_audit';
import m005 from './005_plans_in_window';
import m006 from './006_unit_aliases';
import m007 from './007_summary_annex';
import m008 from './008_figures_by_period';
import m009 from './009_sample_figures';
import m010 from './010_upper_issues';
import m011 from './011_reminder_events';
import m012 from './012_accounts_review';
import m013 from './013_sync';
import m014 from './014_sub_unit_sums';
import m015 from './015_sync_progress';

export const MIGRATIONS: readonly string[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010, m011, m012, m013, m014, m015];

/** The schema version this build of Taizhang writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;
