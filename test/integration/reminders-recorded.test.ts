/**
 * 催报 (issue 16): the 催报名单 as .xlsx (read back with exceljs, and rendered by LibreOffice in
 * the e2e), and each 催报 recorded (migration 011) so the list says when a unit was last reminded.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReminderList } from '../../shared/entry/views';
import { coreCalls, names } from '../helpers/exchange';
import { testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
let planId: number;

const tc = coreCalls({
  get core() {
    return s.core;
  },
});

beforeAll(async () => {
  s = await testStore('example', { operator: null });
  planId = (await names(tc)).planId;
});
afterAll(() => s?.close());

describe('催报 recorded and exported', () => {
  it('records the units reminded, by whom and how; the list shows the latest per unit', async () => {
    const before = await tc.call<ReminderList>('entry.reminders', { planId, period: '2022-09' });
    const owing = before.rows.filter((r) => r.missingFigures.length + r.missingProgress.length > 0);
    expect(owing.length).toBeGreaterThan(2);
    expect(before.rows.every((r) => r.lastReminder === null)).toBe(true);
    // No operator yet: nothing recorded, and the message says what to do.
    expect(await tc.refused('entry.remindersSent', { planId, period: '2022-09', unitIds: [owing[0].unit.id], channel: 'notice' })).toContain('操作员');
    await tc.call('operator.set', { name: '王芳' });
    await tc.call('entry.remindersSent', { planId, period: '2022-09', unitIds: owing.map((r) => r.unit.id), channel: 'notice' });
    await tc.call('entry.remindersSent', { planId, period: '2022-09', unitIds: [owing[0].unit.id], channel: 'list' });
    const after = await tc.call<ReminderList>('entry.reminders', { planId, period: '2022-09' });
    const first = after.rows.find((r) => r.unit.id === owing[0].unit.id)!;
    expect(first.lastReminder).toMatchObject({ by: '王芳', channel: 'list' });
    expect(after.rows.find((r) => r.unit.id === owing[1].unit.id)!.lastReminder).toMatchObject({ by: '王芳', channel: 'notice' });
    // Another period has its own reminders.
    const october = await tc.call<ReminderList>('entry.reminders', { planId, period: '2022-10' });
    expect(october.rows.every((r) => r.lastReminder === null)).toBe(true);
    expect(await tc.refused('entry.remindersSent', { planId, period: '2022-09', unitIds: [99999], channel: 'notice' })).toContain('不在本期催报名单中');
  });

  it('exports the 催报名单 as .xlsx: the units that owe, what, the deadline and the last 催报', async () => {
    const file = await tc.call<{ fileName: string; base64: string }>('entry.remindersExport', { planId, period: '2022-09', deadline: '2022-10-08' });
    expect(file.fileName).toBe('催报名单_2022年1-9月.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('催报名单')!;
    expect(String(ws.getCell('A1').value)).toBe('2022年1-9月科技创新指标和任务进展催报名单');
    expect(String(ws.getCell('A2').value)).toContain('截止报送：2022年10月8日');
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getRow(3).getCell(c).value)).toEqual(['序号', '单位', '未报指标完成数', '未报任务进展', '尚欠', '上次催报']);
    const list = await tc.call<ReminderList>('entry.reminders', { planId, period: '2022-09' });
    const owing = list.rows.filter((r) => r.missingFigures.length + r.missingProgress.length > 0);
    expect(ws.getRow(4).getCell(2).value).toBe(owing[0].unit.name);
    expect(String(ws.getRow(4).getCell(6).value)).toMatch(/^\d{4}年\d+月\d+日（催报名单，王芳）$/);
    expect(String(ws.getRow(3 + owing.length).getCell(1).value)).toBe(String(owing.length));
    expect(ws.getRow(3 + owing.length).getCell(2).value).toBe(owing.at(-1)!.unit.name);
  });
});
