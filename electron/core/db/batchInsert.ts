/**
 * Many rows into one table with few statements: `INSERT … VALUES (?, …), (?, …), …`
 * with up to ROWS_PER_STATEMENT rows each, instead of one statement per row.
 *
 * Why: an import of 2,000 units × 40 indicators writes 80,000 targets and as many
 * history rows; one statement per row spends most of its time crossing from
 * JavaScript into SQLite and back (stepping and resetting), not writing. The values
 * are bound as parameters, never written into the SQL text, so numbers stay exact.
 * Rows go in in the order given (a later row with the same key sees the earlier
 * one, as one statement per row would). Call inside the write transaction.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

const ROWS_PER_STATEMENT = 100;

export class BatchInsert {
  private readonly values: unknown[] = [];
  private readonly statements = new Map<number, Statement>();

  /**
   * `head`: "INSERT INTO t (a, b, c)"; `width`: the number of columns; `tail`: what follows
   * the VALUES, such as "ON CONFLICT (a, b) DO UPDATE SET c = excluded.c".
   */
  constructor(
    private readonly db: Db,
    private readonly head: string,
    private readonly width: number,
    private readonly tail = '',
  ) {}

  /** Adds one row (its values in the columns' order); written when a statement's worth is there, or at flush. */
  add(...row: unknown[]): void {
    if (row.length !== this.width) throw new Error(`batch insert: ${row.length} values for ${this.width} columns`);
    for (const v of row) this.values.push(v);
    if (this.values.length >= ROWS_PER_STATEMENT * this.width) this.write(ROWS_PER_STATEMENT);
  }

  /** Writes what is left. */
  flush(): void {
    const rows = this.values.length / this.width;
    if (rows > 0) this.write(rows);
  }

  private write(rows: number): void {
    let stmt = this.statements.get(rows);
    if (!stmt) {
      const one = `(${Array(this.width).fill('?').join(', ')})`;
      stmt = this.db.prepare(`${this.head} VALUES ${Array(rows).fill(one).join(', ')} ${this.tail}`);
      this.statements.set(rows, stmt);
    }
    stmt.run(this.values.splice(0, rows * this.width));
  }
}
