/**
 * The 前三季度 summary of the example with nine months of generated 示例数据
 * (the newcomer's walkthrough): each task has ONE status in the pre-fill, the
 * dashboard's (taskStateOf) — a task any of whose units reports 滞后 or 未启动
 * is a problem and never a 亮点, and it is described once —, progress texts
 * are joined cleanly (no "。；", no "。（示例数据）。", no "尚未启动。尚未启动"),
 * and the 示例数据 mark comes once per paragraph, before its last 。. The PDF
 * says the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTasksOp } from '../../electron/core/db/repos/tasks';
import { prefillForOp, resolveSummaryTargetOp } from '../../electron/core/export/pdf/summaryData';
import { taskStateOf } from '../../shared/dashboard/build';
import type { Progress, Task } from '../../shared/model/task';
import type { SummarySections } from '../../shared/summary/outline';
import { taskPhrase } from '../../shared/summary/prefill';
import { taizhang } from '../helpers/cli';
import { flatText } from '../helpers/pdfText';
import { writeSampleMonthsOp } from '../helpers/dashboardSample';
import { testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
let planId: number;
let sections: SummarySections;
let tasks: Task[];
let progress: Progress[];

beforeAll(async () => {
  s = await testStore('example');
  await s.store.write(writeSampleMonthsOp(2022, 9));
  [{ id: planId }] = await s.rows<{ id: number }>('SELECT id FROM plans ORDER BY id');
  sections = await s.store.read(
    (function* () {
      return yield* prefillForOp(yield* resolveSummaryTargetOp(planId, undefined, undefined, '2022Q3'));
    })(),
  );
  tasks = await s.store.read(listTasksOp(planId));
  progress = await s.rows<Progress>(
    `SELECT task_id AS "taskId", unit_id AS "unitId", period, status, text FROM progress WHERE period = '2022-09' ORDER BY task_id, unit_id`,
  );
});
afterAll(async () => {
  await s?.close();
});

/** A task as the pre-fill names it: its phrase, inside a quoted phrase with single quotes. */
const names = (text: string, task: Task) => {
  const phrase = taskPhrase(task.content);
  return text.includes(phrase) || text.includes(phrase.replace(/“/g, '‘').replace(/”/g, '’'));
};
const mentions = (paragraphs: { text: string }[], task: Task) => paragraphs.filter((p) => names(p.text, task)).length;

describe('前三季度 summary pre-fill with 示例数据', () => {
  it('gives every task one status: the dashboard’s, never both a 亮点 and a 问题', () => {
    let behindCount = 0;
    for (const task of tasks) {
      const rows = progress.filter((p) => p.taskId === task.id);
      const responsible = task.units.filter((u) => u.role === 'responsible').map((u) => u.unitId);
      const state = taskStateOf(responsible.map((id) => rows.find((r) => r.unitId === id)));
      const behind = rows.some((r) => r.status === 'late' || r.status === 'not_started');
      const inHighlights = mentions(sections.highlights, task);
      const inProblems = mentions(sections.problems, task);
      expect(inHighlights + inProblems, `task ${task.seq} described more than once`).toBeLessThanOrEqual(1);
      if (behind) {
        behindCount++;
        expect(inHighlights, `task ${task.seq} (${state}) is no 亮点`).toBe(0);
        // A problem — unless section 一 reports its indicator as met (task 7, 技术合同登记额突破7亿元): then neither.
        const met = task.content.includes('技术合同登记额');
        expect(inProblems, `task ${task.seq} (${state}) is a problem`).toBe(met ? 0 : 1);
        if (met) continue;
        const problem = sections.problems.find((p) => names(p.text, task))?.text ?? '';
        // The problem's word is the dashboard's state: 滞后 exactly when the dashboard says 滞后.
        expect(problem.includes('任务进展滞后'), problem).toBe(state === 'late');
      }
    }
    expect(behindCount).toBeGreaterThan(3);
  });

  it('task 2 (区科工局 reported 滞后) is a problem only, and 打造专业化创新载体 is no 已按计划完成', () => {
    const all = [...sections.highlights, ...sections.problems].map((p) => p.text).join('\n');
    expect(sections.problems.map((p) => p.text)).toContain(
      '区科工局牵头的“推进省级创新型县（区）、市级创新型乡（镇）试点建设”任务进展滞后。受项目申报进度影响，进度滞后，已约谈责任科室，计划下月赶上（示例数据）。',
    );
    expect(sections.highlights.map((p) => p.text).join('')).not.toContain('试点建设');
    expect(all).not.toMatch(/打造专业化创新载体，已按计划完成/);
    // Started by some units, not by others: the task is 推进中 and those units are named.
    expect(sections.problems.map((p) => p.text)).toContain('“打造专业化创新载体”任务中，区科工局、三家店街道承担的部分尚未启动，拟于下季度启动（示例数据）。');
  });

  it('joins progress texts cleanly, with the 示例数据 mark once per paragraph', () => {
    for (const { text } of [...sections.highlights, ...sections.problems]) {
      expect(text, text).not.toMatch(/[。；][。；（]/);
      expect(text, text).not.toMatch(/[）。]尚未启动/);
      expect(text, text).not.toContain('尚未启动。尚未启动');
      expect(text.split('示例数据').length - 1, text).toBeLessThanOrEqual(1);
      if (text.includes('示例数据')) expect(text.endsWith('（示例数据）。'), text).toBe(true);
    }
    expect(sections.highlights[0].text).toBe('科技创新区域优化布局行动稳步推进。推进数字经济“一号发展工程”，正在推进，已完成年度工作量的六成左右（示例数据）。');
  });

  it('the PDF says the same', async () => {
    const out = path.join(s.dir, 'summary.pdf');
    const r = await taizhang(['export', 'pdf', '--summary', '--period', '2022Q3', '--date', '2022-10-10', '--out', out, '--db', s.db]);
    expect(r.code, r.stderr).toBe(0);
    const text = flatText(out);
    expect(text).toContain('区科工局牵头的“推进省级创新型县（区）、市级创新型乡（镇）试点建设”任务进展滞后');
    expect(text).not.toContain('打造专业化创新载体，已按计划完成');
    expect(text).not.toMatch(/。（示例数据）|尚未启动。尚未启动|。；/);
    if (process.env.KEEP_PDF) fs.copyFileSync(out, process.env.KEEP_PDF);
  });
});
