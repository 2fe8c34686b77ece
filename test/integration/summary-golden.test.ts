/**
 * Golden summaries of the 青云谱区 2022 example — the district's and 洪都街道's
 * — built by the core from a real store (a SQLite file, or PostgreSQL in the
 * `postgres` project: testStore.ts) with figures and task progress a bureau
 * could have entered (generated for this test, not sample-marked):
 * 高新技术企业 falls short, two streets report one 新增研发平台 each,
 * 技术合同成交额 is 7.4843亿元 (洪都街道 0.043 of 0.05), and 区科工局 reported
 * its 技术合同登记 task late although the amount was exceeded (task 7: counted
 * as done, never a problem) and its 高新技术企业 task late (task 8: a problem).
 *
 * Every sentence is checked word for word, and the whole prose for what an
 * experienced writer of 公文 never does: say a word twice in a sentence, give
 * a 完成率 of a percentage, print 亿元 to three decimals, say 暂未填报 while
 * figures exist, or list as a problem what section 一 reports as met.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFigureOp } from '../../electron/core/db/repos/figures';
import { loadSummaryDocumentOp, prefillForOp, resolveSummaryTargetOp } from '../../electron/core/export/pdf/summaryData';
import type { SummaryDocument } from '../../shared/summary/document';
import { exampleIdsOp, type Ids } from '../helpers/summaryFixtures';
import { testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
let ids: Ids;

const BY = '王芳';
const STREETS = ['三家店街道', '洪都街道', '徐家坊街道', '京山街道', '岱山街道', '青云谱镇', '新经济产业集聚区'];

function put(unit: string, indicator: string, period: string, value: number) {
  return s.store.write(writeFigureOp({ indicatorId: ids.indicator[indicator], unitId: ids.unit[unit], period, value, by: BY }));
}

async function progress(seq: number, unit: string, status: 'done' | 'in_progress' | 'late', text: string) {
  const [{ id: task }] = await s.rows<{ id: number }>('SELECT t.id FROM tasks t JOIN action_lines a ON a.id = t.action_line_id WHERE a.plan_id = ? AND t.seq = ?', ids.plan, seq);
  await s.run(
    'INSERT INTO progress (task_id, unit_id, period, status, text, reported_on, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    task,
    ids.unit[unit],
    '2022Q4',
    status,
    text,
    '2022-12-20',
    BY,
    '2022-12-20T08:00:00Z',
  );
}

beforeAll(async () => {
  s = await testStore('example');
  ids = await s.store.read(exampleIdsOp());
  await put('青云谱区', '全社会R&D经费投入占GDP比重', '2022', 0.58);
  await put('青云谱区', '全社会R&D经费投入占GDP比重', '2021', 0.51);
  await put('青云谱区', '万人有效发明专利拥有量', '2022', 28.62);
  await put('青云谱区', '万人有效发明专利拥有量', '2021', 25.1);
  const smes = [24, 7, 41, 13, 6, 21, 33]; // 145 of 140
  const hightech = [15, 3, 19, 7, 4, 8, 17]; // 73 of 76
  const contracts = [3.3612, 0.043, 3.0, 0.5, 0.111, 0.13, 0.339]; // 7.4843 of 7
  for (const [k, u] of STREETS.entries()) {
    await put(u, '科技型中小企业', '2022Q4', smes[k]);
    await put(u, '科技型中小企业', '2021Q4', smes[k] - 2);
    await put(u, '高新技术企业', '2022', hightech[k]);
    await put(u, '高新技术企业', '2021', hightech[k] - 1);
    await put(u, '技术合同成交额', '2022-12', contracts[k]);
  }
  await put('三家店街道', '新增市级以上研发平台和创新载体', '2022', 1);
  await put('洪都街道', '新增市级以上研发平台和创新载体', '2022', 1);
  await progress(1, '区发改委', 'done', '印发数字经济“一号工程”实施方案，颐高广场建成开业');
  await progress(4, '区科工局', 'done', '新认定市级众创空间1家');
  await progress(4, '洪都街道', 'in_progress', '辖区孵化器改造推进中');
  await progress(7, '区科工局', 'late', '上半年登记进度落后');
  // Late, and one of its two indicators (高新技术企业) was missed: a problem that agrees with section 一.
  await progress(8, '区科工局', 'late', '高新技术企业申报通过率偏低');
  await progress(14, '区委人才办', 'late', '政策宣讲覆盖面不足，已调整宣讲计划');
});
afterAll(async () => {
  await s?.close();
});

/** Sentences a writer never writes, and words never said twice in one sentence. */
function expectWellWritten(doc: SummaryDocument) {
  const prose = doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.lead + b.text] : []));
  for (const p of prose) {
    for (const s of p.split(/[。；]/)) {
      for (const w of ['年度目标', '完成率', '超额完成', '同比', '尚差']) expect(s.split(w).length - 1, `“${w}” twice in: ${s}`).toBeLessThanOrEqual(1);
    }
    expect(p, 'three decimals of 亿元').not.toMatch(/\d+\.\d{3,}亿元/);
    expect(p, 'a 完成率 of a percentage').not.toMatch(/\d%）的\d/);
    expect(p).not.toMatch(/本部分尚未填写|暂未填报/);
  }
}

describe('青云谱区 (the district)', () => {
  let doc: SummaryDocument;
  beforeAll(async () => {
    doc = await s.store.read(loadSummaryDocumentOp({ planId: ids.plan, today: '2023-01-10' }));
  });

  it('writes every indicator as a 公文 writer would', () => {
    expect(doc.sentences).toEqual([
      '1.全社会R&D经费投入占GDP比重。2022年，全社会R&D经费投入占GDP比重达到0.58%，比年度目标（0.55%）高0.03个百分点，比上年提高0.07个百分点。',
      '2.科技型中小企业。2022年，全区科技型中小企业达到145家，超额完成140家的年度目标，完成率103.6%，同比增长10.7%。',
      '3.高新技术企业。2022年，全区高新技术企业为73家，完成76家年度目标的96.1%，尚差3家，同比增长10.6%。',
      '4.新增市级以上研发平台和创新载体。2022年，全区新增市级以上研发平台和创新载体达到2个，完成1-3个的年度目标。',
      '5.技术合同成交额。2022年，全区技术合同成交额达到7.48亿元，超额完成7亿元的年度目标，完成率106.9%。',
      '6.万人有效发明专利拥有量。2022年，全区万人有效发明专利拥有量达到28.62件，超额完成27件的年度目标，完成率106.0%，同比增长14.0%。',
      '以上6项指标中，5项完成年度目标（其中4项超额完成），高新技术企业未完成。具体数据见表1、表2和图1、图2。',
    ]);
    expectWellWritten(doc);
  });

  it('opens with 总体情况 from the figures and the tasks, in seed 001’s structure', () => {
    const paragraphs = doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.lead + b.text] : []));
    expect(paragraphs.slice(0, 3)).toEqual([
      '一、2022年工作情况',
      '2022年，我区紧紧围绕《2022年青云谱区科技创新基础大提升工作要点》确定的目标任务，推进科技创新各项工作。6项主要指标中，5项完成年度目标，1项未完成；16项重点任务中，已完成1项，2项正在推进，2项进展滞后，11项尚未报送进展。',
      '（一）主要指标完成情况',
    ]);
    const headings = doc.blocks.flatMap((b) => (b.kind === 'paragraph' && (b.level === 1 || b.level === 2) && !b.text ? [b.lead] : []));
    expect(headings).toEqual(['一、2022年工作情况', '（一）主要指标完成情况', '（二）亮点工作', '（三）存在的主要问题', '二、2023年工作思路']);
    expect(doc.issuer).toBe('青云谱区科学技术和工业信息化局');
    expect(doc.unwritten).toEqual([]);
  });

  it('phrases problems as problems, and never contradicts section 一', async () => {
    const { problems } = await s.store.read(
      (function* () {
        return yield* prefillForOp(yield* resolveSummaryTargetOp(ids.plan));
      })(),
    );
    expect(problems).toEqual([
      { level: 3, text: '高新技术企业未完成年度目标。2022年全区高新技术企业73家，距76家的目标尚差3家。' },
      { level: 3, text: '区科工局牵头的“培育入库科技型中小企业140家，高新技术企业达到76家”任务进展滞后。高新技术企业申报通过率偏低。' },
      { level: 3, text: '区委人才办牵头的“大力宣传人才引育政策”任务进展滞后。政策宣讲覆盖面不足，已调整宣讲计划。' },
    ]);
    // 区科工局 called its 技术合同登记 task late, but section 一 says 7.48亿元 of 7亿元: not a problem.
    expect(JSON.stringify(problems)).not.toContain('技术合同');
  });
});

describe('洪都街道 (a street)', () => {
  let doc: SummaryDocument;
  beforeAll(async () => {
    doc = await s.store.read(loadSummaryDocumentOp({ planId: ids.plan, unitId: ids.unit['洪都街道'], today: '2023-01-10' }));
  });

  it('its own figures, its rank, the gap in 万元, its platform, and all-not-met said in words', () => {
    expect(doc.title).toBe('洪都街道2022年科技创新工作总结');
    expect(doc.issuer).toBe('洪都街道办事处');
    expect(doc.sentences).toEqual([
      '1.科技型中小企业。2022年，全街道科技型中小企业为7家，完成8家年度目标的87.5%，尚差1家，同比增长40.0%，在7个街道、镇、集聚区中排名第6。',
      '2.高新技术企业。2022年，全街道高新技术企业为3家，完成4家年度目标的75.0%，尚差1家，同比增长50.0%，在7个街道、镇、集聚区中排名第6。',
      '3.新增市级以上研发平台和创新载体。2022年，全街道新增市级以上研发平台和创新载体为1个（未设年度目标）。',
      '4.技术合同成交额。2022年，全街道技术合同成交额为0.04亿元，完成0.05亿元年度目标的86.0%，尚差70万元，在7个街道、镇、集聚区中排名第6。',
      '以上指标中，除新增市级以上研发平台和创新载体未设目标外，其余3项均未完成年度目标。具体数据见表1和图1。',
    ]);
    expectWellWritten(doc);
    const opening = doc.blocks.find((b) => b.kind === 'paragraph' && b.level === 0);
    // Counted among the indicators with a target; never "0项完成".
    expect(opening && opening.kind === 'paragraph' && opening.text).toBe(
      '2022年，本街道紧紧围绕《2022年青云谱区科技创新基础大提升工作要点》确定的目标任务，推进科技创新各项工作。3项主要指标均未完成年度目标；10项重点任务中，1项正在推进，9项尚未报送进展。',
    );
  });
});
