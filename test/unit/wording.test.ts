import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  describeTarget,
  formatGoalLine,
  formatTargetWording,
  goalWordings,
  parseGoalLine,
  parseTargetWording,
  targetBounds,
  type GoalLine,
  type TargetWording,
} from '../../shared/wording';

// ---------------------------------------------------------------------------
// Seed text, read from the documents themselves so the tests see the real
// punctuation (000/001/004 use half-width ",;:", 003 full-width "，；").

const DOCS = new URL('../../seeds/documents/', import.meta.url);
const doc = (name: string) => readFileSync(new URL(name, DOCS), 'utf8').split('\n');

/** Non-empty lines strictly between the line equal to `from` and the line equal to `to`. */
function section(name: string, from: string, to: string): string[] {
  const lines = doc(name);
  const start = lines.indexOf(from);
  const end = lines.indexOf(to, start + 1);
  if (start < 0 || end < 0) throw new Error(`section ${from}…${to} not found in ${name}`);
  return lines.slice(start + 1, end).filter((l) => l.trim() !== '');
}

/** The one line of a document that contains `snippet`. */
function lineWith(name: string, snippet: string): string {
  const found = doc(name).filter((l) => l.includes(snippet));
  if (found.length !== 1) throw new Error(`${found.length} lines with “${snippet}” in ${name}`);
  return found[0];
}

const GOALS_003 = section('003_qingyunpu_2022.txt', '一、工作目标', '二、重点工作').filter(
  (l) => !l.startsWith('紧紧围绕'),
);
const GOALS_000 = section('000_nanchang_2022_plan.txt', '今年全市科技创新的主要预期目标是:', '一、重大创新布局优化行动');
const GOALS_001 = section('001_nanchang_2021_summary.txt', '(二)2022年工作目标', '(三)重点工作');
const LINE_004 = lineWith('004_nanchang_2013_summary.txt', '我市科技工作主要目标是');
const GOALS_004 = LINE_004.slice(LINE_004.indexOf(':') + 1);
/** Last sentence of the 专利 paragraph: "力争2014年专利申请和授权量增长50%,分别达到1万件和5000件以上。" */
const PATENT_004 = lineWith('004_nanchang_2013_summary.txt', '继续实施专利快速提升计划')
  .split('。')
  .filter(Boolean)
  .pop()!
  .concat('。');
/** The 003 annex rows 7 and 8 (tab-separated; column 2 is the action text with PDF spaces). */
const annexCell = (no: string) =>
  doc('003_qingyunpu_2022.txt')
    .map((l) => l.split('\t'))
    .find((cells) => cells[0] === no && cells.length >= 4)![1];

// ---------------------------------------------------------------------------
// Expected shapes: a wording without its raw spelling, or "role:text" for the rest.

type Semantic = Omit<TargetWording, 'raw'>;
type Shape = Semantic | string;

function w(subject: string, quantity: Semantic['quantity'], measureUnit: string, more: Partial<Semantic> = {}): Semantic {
  return {
    strive: false,
    period: '',
    subject,
    order: 'subject-first',
    verb: '',
    comparator: '',
    quantity,
    measureUnit,
    suffix: '',
    ...more,
  };
}
const point = (value: number) => ({ kind: 'point' as const, value });
const range = (min: number, max: number) => ({ kind: 'range' as const, min, max });
const up = (value: number, yoy = false) => ({ kind: 'growth' as const, direction: 'up' as const, value, yoy });
const down = (value: number, yoy = false) => ({ kind: 'growth' as const, direction: 'down' as const, value, yoy });
const qf = (verb: string, more: Partial<Semantic> = {}): Partial<Semantic> => ({ order: 'quantity-first', verb, ...more });

function semantic(wording: TargetWording | null): Semantic | null {
  if (!wording) return null;
  const { raw: _raw, ...rest } = wording;
  return rest;
}

function shape(line: GoalLine): Shape[] {
  return line.parts.map((p) => (p.kind === 'wording' ? semantic(p.wording)! : `${p.role}:${p.text}`));
}

/** Parses a line, checks the exact round-trip, and returns its shape. */
function parsedShape(text: string): Shape[] {
  const line = parseGoalLine(text);
  expect(formatGoalLine(line)).toBe(text);
  for (const wording of goalWordings(line)) {
    // Each clause also round-trips alone, through parseTargetWording.
    const clause = formatTargetWording(wording);
    expect(semantic(parseTargetWording(clause))).toEqual(semantic(wording));
  }
  return shape(line);
}

// ---------------------------------------------------------------------------

describe('seed 003 青云谱区 2022 工作要点, 一、工作目标', () => {
  it('has the five goal lines', () => {
    expect(GOALS_003).toHaveLength(5);
  });

  it.each<[number, Shape[]]>([
    [0, [w('全社会R&D经费投入占全区GDP比重', point(0.55), '%', { comparator: '达到' }), 'separator:；']],
    [1, [w('科技型中小企业', point(140), '家'), 'separator:，', w('高新技术企业', point(76), '家'), 'separator:；']],
    [2, [w('新增市级以上研发平台和创新载体数量', range(1, 3), '个'), 'separator:；']],
    [3, [w('技术合同成交额', point(7), '亿元', { comparator: '突破' }), 'separator:；']],
    [4, [w('万人有效发明专利拥有量', point(27), '件', { comparator: '突破' }), 'separator:。']],
  ])('line %i', (i, expected) => {
    expect(parsedShape(GOALS_003[i])).toEqual(expected);
  });

  it('reads the body phrase with PDF spaces, keeping them for the round-trip', () => {
    const cell = annexCell('7');
    expect(cell).toBe('力争 2022 年底全区技术合同登记额突破 7 亿元');
    const phrase = cell.slice(cell.indexOf('全区'));
    const wording = parseTargetWording(phrase)!;
    expect(semantic(wording)).toEqual(w('全区技术合同登记额', point(7), '亿元', { comparator: '突破' }));
    expect(formatTargetWording(wording)).toBe('全区技术合同登记额突破 7 亿元');
    expect(describeTarget(wording)).toBe('突破7亿元');

    const whole = parseTargetWording(cell)!;
    expect(semantic(whole)).toEqual(
      w('全区技术合同登记额', point(7), '亿元', { comparator: '突破', strive: true, period: '2022 年底' }),
    );
    expect(formatTargetWording(whole)).toBe(cell);
  });

  it('reads the 140/76 body sentence; the lead "力争 2022 年底，" stays text', () => {
    const cell = annexCell('8');
    expect(cell).toContain('培育入库科技型中小企业 140 家，高新技术企业达到 76 家');
    expect(parsedShape('培育入库科技型中小企业 140 家，高新技术企业达到 76 家')).toEqual([
      w('培育入库科技型中小企业', point(140), '家'),
      'separator:，',
      w('高新技术企业', point(76), '家', { comparator: '达到' }),
    ]);
    expect(parsedShape(cell)).toEqual([
      'text:力争 2022 年底',
      'separator:，',
      w('培育入库科技型中小企业', point(140), '家'),
      'separator:，',
      w('高新技术企业', point(76), '家', { comparator: '达到' }),
      'separator:。',
    ]);
  });
});

describe('seed 000 南昌 2022 工作要点, 主要预期目标', () => {
  it('has the six goal lines', () => {
    expect(GOALS_000).toHaveLength(6);
  });

  it.each<[number, Shape[]]>([
    [0, [w('全社会R&D经费投入占全市GDP比重', point(2.2), '%', { comparator: '达', period: '2021年' })]],
    [
      1,
      [
        w('高新技术企业', point(2000), '家', { comparator: '超过' }),
        'separator:,',
        w('市级以上专业化小巨人企业', point(50), '家', { comparator: '超过' }),
        'separator:;',
      ],
    ],
    [
      2,
      [
        w('省实验室', point(1), '家', qf('建设')),
        'separator:,',
        w('省级创新研发平台', point(5), '家', qf('建设')),
        'separator:,',
        w('市级基础研发平台', point(45), '家', qf('培育')),
        'separator:;',
      ],
    ],
    [3, [w('技术合同成交额', point(110), '亿元', { comparator: '突破' }), 'separator:;']],
    [
      4,
      [
        w('引进和培养高层次科技创新人才', point(20), '名'),
        'separator:、',
        w('高层次科技创新团队', point(20), '个'),
        'separator:,',
        // 、 inside “…” is not a separator.
        w('“带项目、带技术、带资金、带团队”的“四带”高层次科技创业人才', point(10), '名', qf('引进')),
        'separator:;',
        // 、 after a subject (not a quantity) is a list inside one goal.
        w('国内外顶尖人才、国家级领军人才和地方级领军人才', point(10), '名', qf('引进', { strive: true })),
        'separator:;',
      ],
    ],
    [5, [w('万人有效发明专利拥有量', point(18), '件', { comparator: '突破' }), 'separator:。']],
  ])('line %i', (i, expected) => {
    expect(parsedShape(GOALS_000[i])).toEqual(expected);
  });
});

describe('seed 001 南昌 2021 总结, (二)2022年工作目标', () => {
  it('has the five numbered goal lines', () => {
    expect(GOALS_001).toHaveLength(5);
    expect(GOALS_001.map((l) => l.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.', '5.']);
  });

  it.each<[number, Shape[]]>([
    [
      0,
      [
        'prefix:1.',
        w('研发经费投入占全市GDP比重', point(2.2), '%', { comparator: '达', strive: true, period: '2021年' }),
      ],
    ],
    [
      1,
      [
        'prefix:2.',
        w('高新技术企业', point(2000), '家', { comparator: '超过', strive: true }),
        'separator:,',
        w('科技型中小企业', point(2200), '家', { comparator: '超过' }),
        'separator:,',
        // One goal: the 、 sit inside brackets or after a subject, never after a quantity.
        // The seed line ends at "20" with no unit; the wording keeps that.
        w('新增独角兽(潜在、种子)、瞪羚(潜在)企业', point(20), ''),
      ],
    ],
    [2, ['prefix:3.', w('市级基础研发平台', point(50), '家', qf('培育', { strive: true })), 'separator:。']],
    [3, ['prefix:4.', w('全市技术合同登记额', point(110), '亿元', { comparator: '突破', strive: true }), 'separator:。']],
    [
      4,
      [
        'prefix:5.',
        w('引进和培养高层次科技创新人才', point(20), '名', { strive: true }),
        'separator:、',
        w('高层次科技创新团队', point(20), '个'),
        'separator:;',
        // The means phrase "通过…大赛" has no field of its own; it rides with the verb.
        w('优质科技项目落户南昌', point(10), '个', qf('通过南昌市高层次科技人才“洪城计划”创业大赛遴选', { strive: true })),
        'separator:。',
      ],
    ],
  ])('line %i', (i, expected) => {
    expect(parsedShape(GOALS_001[i])).toEqual(expected);
  });

  it('does not read the section heading as a goal', () => {
    expect(goalWordings(parseGoalLine('(二)2022年工作目标'))).toEqual([]);
    expect(parsedShape('(二)2022年工作目标')).toEqual(['prefix:(二)', 'text:2022年工作目标']);
  });
});

describe('seed 004 南昌 2013 总结, 2014年主要目标', () => {
  it('parses the five goals after the colon', () => {
    expect(parsedShape(GOALS_004)).toEqual([
      w('高新技术产业增加值', up(10), '%'),
      'separator:;',
      w('组织实施科技重大项目', range(10, 15), '项'),
      'separator:;',
      w('新增高新技术企业', point(70), '家'),
      'separator:;',
      w('专利申请和授权量', up(50), '%'),
      'separator:;',
      w('技术市场交易额', up(30), '%'),
    ]);
  });

  it('keeps the lead-in of the whole line as text', () => {
    const parts = parsedShape(LINE_004);
    expect(parts.slice(0, 4)).toEqual(['text:2014年', 'separator:,', 'text:我市科技工作主要目标是', 'separator::']);
    expect(parts).toHaveLength(4 + 9);
  });

  it('keeps "分别达到1万件和5000件以上" as text: two quantities for one subject are not one target', () => {
    expect(PATENT_004).toBe('力争2014年专利申请和授权量增长50%,分别达到1万件和5000件以上。');
    expect(parsedShape(PATENT_004)).toEqual([
      w('专利申请和授权量', up(50), '%', { strive: true, period: '2014年' }),
      'separator:,',
      'text:分别达到1万件和5000件以上',
      'separator:。',
    ]);
    expect(parseTargetWording('分别达到1万件和5000件以上')).toBeNull();
  });
});

describe('every line of every seed document round-trips', () => {
  const names = readdirSync(DOCS).filter((n) => n.endsWith('.txt'));
  it.each(names)('%s', (name) => {
    const lines = doc(name);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(formatGoalLine(parseGoalLine(line))).toBe(line);
  });
});

// ---------------------------------------------------------------------------

describe('parseTargetWording: forms the product needs', () => {
  it.each<[string, Semantic]>([
    ['同比下降5%', w('', down(5, true), '%')],
    ['增长30%', w('', up(30), '%')],
    ['技术市场交易额比上年增长30%', w('技术市场交易额', up(30, true), '%')],
    ['R&D投入强度比上年提高0.14个百分点', w('R&D投入强度', up(0.14, true), '个百分点')],
    ['能耗较上年降低3%', w('能耗', down(3, true), '%')],
    ['不低于1.5%', w('', point(1.5), '%', { comparator: '不低于' })],
    ['超过3000万元', w('', point(3000), '万元', { comparator: '超过' })],
    ['达到7.32亿元', w('', point(7.32), '亿元', { comparator: '达到' })],
    ['力争达到50家', w('', point(50), '家', { comparator: '达到', strive: true })],
    ['不少于20家', w('', point(20), '家', { comparator: '不少于' })],
    ['研发投入强度达4.6%以上', w('研发投入强度', point(4.6), '%', { comparator: '达', suffix: '以上' })],
    ['新增5个以上绿色园区', w('绿色园区', point(5), '个', qf('新增', { suffix: '以上' }))],
    ['新增不少于5家孵化器', w('孵化器', point(5), '家', qf('新增', { comparator: '不少于' }))],
    ['10-15项', w('', range(10, 15), '项')],
    ['10~15项', w('', range(10, 15), '项')],
    ['10～15项', w('', range(10, 15), '项')],
    ['10至15项', w('', range(10, 15), '项')],
    ['10 至 15 项', w('', range(10, 15), '项')],
    ['10–15项', w('', range(10, 15), '项')],
    ['科技型中小企业１４０家', w('科技型中小企业', point(140), '家')],
    ['比重达到０．５５％', w('比重', point(0.55), '％', { comparator: '达到' })],
    ['技术合同成交额突破 7 亿元', w('技术合同成交额', point(7), '亿元', { comparator: '突破' })],
    ['高新技术企业超过2,000家', w('高新技术企业', point(2000), '家', { comparator: '超过' })],
    ['到2025年高新技术企业达到100家', w('高新技术企业', point(100), '家', { comparator: '达到', period: '到2025年' })],
    ['技术市场交易额18.5亿', w('技术市场交易额', point(18.5), '亿')],
    [' 高新技术企业76家 ', w('高新技术企业', point(76), '家')],
  ])('%s', (text, expected) => {
    const wording = parseTargetWording(text);
    expect(semantic(wording)).toEqual(expected);
    expect(formatTargetWording(wording!)).toBe(text);
  });

  it.each([
    '',
    '   ',
    '加强科技人才队伍建设',
    '力争实现以下目标',
    '2022年工作目标',
    '2021年',
    '2022',
    '方案2021-2023',
    '技术合同成交额突破亿元',
    '1.力争研发投入达2.2%', // the list number belongs to parseGoalLine
    '科技型中小企业140家，高新技术企业76家', // two goals: a line, not a clause
    '技术合同成交额突破7亿元。',
    '组建5个左右产业科技创新联合体', // 左右 has no field; not misread as subject "左右…"
    '增长10-15%', // a growth range has no representation
  ])('null for %j', (text) => {
    expect(parseTargetWording(text)).toBeNull();
  });
});

describe('parseGoalLine splitting', () => {
  it('splits on 、 only after a quantity, never inside brackets', () => {
    expect(shape(parseGoalLine('新增独角兽(潜在、种子)、瞪羚(潜在)企业20家'))).toEqual([
      w('新增独角兽(潜在、种子)、瞪羚(潜在)企业', point(20), '家'),
    ]);
    expect(shape(parseGoalLine('人才20名、团队20个'))).toEqual([
      w('人才', point(20), '名'),
      'separator:、',
      w('团队', point(20), '个'),
    ]);
  });

  it('does not split on a comma inside brackets or quotes', () => {
    expect(parsedShape('新增研发平台(含省级,不含县级)10个；举办“科创中国，赣江之滨”活动5场')).toEqual([
      w('新增研发平台(含省级,不含县级)', point(10), '个'),
      'separator:；',
      w('举办“科创中国，赣江之滨”活动', point(5), '场'),
    ]);
  });

  it('keeps thousands commas inside the number', () => {
    expect(shape(parseGoalLine('高新技术企业超过2,000家,科技型中小企业超过2,200家'))).toEqual([
      w('高新技术企业', point(2000), '家', { comparator: '超过' }),
      'separator:,',
      w('科技型中小企业', point(2200), '家', { comparator: '超过' }),
    ]);
  });

  it('keeps list prefixes of several forms', () => {
    for (const prefix of ['1.', '2、', '（三）', '(4)', '十、', '① ']) {
      const text = `${prefix}技术合同成交额突破7亿元；`;
      const parts = parsedShape(text);
      expect(parts[0]).toBe(`prefix:${prefix}`);
      expect(parts).toHaveLength(3);
    }
  });

  it('does not take a leading decimal for a list number', () => {
    expect(parsedShape('2.2%以上')).toEqual([w('', point(2.2), '%', { suffix: '以上' })]);
  });

  it('merges runs of separators and keeps trailing text', () => {
    expect(parsedShape('技术合同成交额突破7亿元；。（详见附表')).toEqual([
      w('技术合同成交额', point(7), '亿元', { comparator: '突破' }),
      'separator:；。',
      'text:（详见附表',
    ]);
  });
});

describe('formatTargetWording after edits', () => {
  const parse = (text: string) => parseTargetWording(text)!;

  it('writes an edited number canonically instead of the stale spelling', () => {
    const wording = parse('技术合同成交额突破７亿元');
    expect(formatTargetWording(wording)).toBe('技术合同成交额突破７亿元');
    expect(formatTargetWording({ ...wording, quantity: point(8.5) })).toBe('技术合同成交额突破8.5亿元');
  });

  it('keeps the written range separator while both ends still match', () => {
    const wording = parse('科技重大项目10至15项');
    expect(formatTargetWording({ ...wording, quantity: range(10, 20) })).toBe('科技重大项目10至20项');
  });

  it('changes the growth word when the direction changes', () => {
    const wording = parse('能耗比上年提高3%');
    expect(formatTargetWording({ ...wording, quantity: down(3, true) })).toBe('能耗比上年下降3%');
    expect(formatTargetWording({ ...wording, quantity: up(3, false) })).toBe('能耗提高3%');
  });

  it('formats a hand-built wording without raw canonically', () => {
    expect(formatTargetWording(w('技术合同成交额', point(7), '亿元', { comparator: '突破', strive: true, period: '2022年' }))).toBe(
      '力争2022年技术合同成交额突破7亿元',
    );
    expect(formatTargetWording(w('研发投入', down(5, true), '%'))).toBe('研发投入同比下降5%');
    expect(formatTargetWording(w('', range(1, 3), '个'))).toBe('1-3个');
    expect(formatTargetWording(w('省实验室', point(1), '家', qf('建设', { suffix: '以上' })))).toBe('建设1家以上省实验室');
  });

  it('drops spacing with the token it followed', () => {
    const wording = parse('力争 2022 年底全区技术合同登记额突破 7 亿元');
    expect(formatTargetWording({ ...wording, strive: false })).toBe('2022 年底全区技术合同登记额突破 7 亿元');
  });
});

describe('targetBounds', () => {
  it.each<[string, { value: number; valueMax: number | null }]>([
    ['技术合同成交额突破7亿元', { value: 7, valueMax: null }],
    ['全社会R&D经费投入占全区GDP比重达到0.55%', { value: 0.55, valueMax: null }],
    ['新增市级以上研发平台和创新载体数量1-3个', { value: 1, valueMax: 3 }],
    ['15-10项', { value: 10, valueMax: 15 }],
    ['技术市场交易额增长30%', { value: 30, valueMax: null }],
    ['同比下降5%', { value: -5, valueMax: null }],
    ['比上年提高0.14个百分点', { value: 0.14, valueMax: null }],
    ['科技型中小企业１４０家', { value: 140, valueMax: null }],
  ])('%s', (text, expected) => {
    expect(targetBounds(parseTargetWording(text)!)).toEqual(expected);
  });
});

describe('describeTarget', () => {
  it.each<[string, string]>([
    ['技术合同成交额突破7亿元', '突破7亿元'],
    ['全区技术合同登记额突破 7 亿元', '突破7亿元'],
    ['新增市级以上研发平台和创新载体数量1-3个', '1-3个'],
    ['科技重大项目10～15项', '10-15项'],
    ['全社会R&D经费投入占全区GDP比重达到0.55%', '达到0.55%'],
    ['同比下降5%', '同比下降5%'],
    ['技术市场交易额增长30%', '增长30%'],
    ['R&D投入强度比上年提高0.14个百分点', '比上年提高0.14个百分点'],
    ['力争研发投入强度达4.6%以上', '达4.6%以上'],
    ['力争2022年建设１家省实验室', '1家'],
    ['科技型中小企业１４０家', '140家'],
  ])('%s → %s', (text, expected) => {
    expect(describeTarget(parseTargetWording(text)!)).toBe(expected);
  });
});
