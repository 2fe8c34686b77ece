/** Calendar dates as the API carries them: "2022-09-30", and only days that exist. */

/** True for "YYYY-MM-DD" naming a real day (so "2023-02-29" and "2022-13-01" are false). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as this computer's calendar day, "2022-10-03" (the text is returned as is when it is not a date). */
export function localDateText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** An ISO instant as this computer's local time to the minute, "2022-10-03 10:15". */
export function localTimeText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${localDateText(iso)} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** "2022-10-05" → "2022年10月5日" (the text is returned as is when it is not a date). */
export function chineseDateOf(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/**
 * `n` working days after `iso` (Saturdays and Sundays skipped; public
 * holidays are not known here): "2026-11-27" (Friday) + 3 → "2026-12-02".
 */
export function addWorkingDays(iso: string, n: number): string {
  const d = new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
  for (let left = n; left > 0; ) {
    d.setUTCDate(d.getUTCDate() + 1);
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}
