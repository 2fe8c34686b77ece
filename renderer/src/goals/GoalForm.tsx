/**
 * 工作目标 added or edited in a form: name, measure unit, the target as the
 * plan words it (达到/超过/突破/不低于…, a range 1-3, growth 增长30%), 力争,
 * baseline (基数), whether it adds up over units, how often it is reported,
 * decimals, whether it is split among sub-units. The goal line previews as
 * you type, made by the rule the core saves with (shared/plan/goalWording.ts).
 */
import { useMemo, useState } from 'react';
import { Alert, Checkbox, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Typography } from 'antd';
import type { GoalRow } from '../../../shared/api/views';
import { AGGREGATION_LABEL, FREQUENCY_LABEL, type Aggregation, type Frequency } from '../../../shared/model/indicator';
import { defaultDecimals, formatNumber, parseNumber } from '../../../shared/numbers';
import { wordingFrom } from '../../../shared/plan/goalWording';
import { targetValueProblem } from '../../../shared/plan/rules';
import { formatTargetWording } from '../../../shared/wording';
import type { Comparator, Quantity } from '../../../shared/wording/types';

export interface GoalSave {
  id?: number;
  name: string;
  measureUnit: string;
  aggregation: Aggregation;
  frequency: Frequency;
  decimals: number;
  decomposed: boolean;
  strive: boolean;
  comparator: Comparator;
  quantity: Quantity;
  baseline: number | null;
}

type Kind = Quantity['kind'];

interface Draft {
  name: string;
  measureUnit: string;
  kind: Kind;
  comparator: Comparator;
  value: string;
  min: string;
  max: string;
  direction: 'up' | 'down';
  yoy: boolean;
  strive: boolean;
  baseline: string;
  aggregation: Aggregation;
  frequency: Frequency;
  decimals: number;
  decomposed: boolean;
}

const COMPARATORS: Comparator[] = ['达到', '超过', '突破', '不低于', '不少于', '达', ''];
const MEASURE_UNITS = ['家', '个', '件', '项', '亿元', '万元', '%', '人', '所'];
const num = (v: number | null | undefined) => (v == null ? '' : formatNumber(v, 6));

function draftOf(goal: GoalRow | null): Draft {
  const i = goal?.indicator;
  const w = i?.wording ?? null;
  const q = w?.quantity;
  return {
    name: i?.name ?? '',
    measureUnit: i?.measureUnit ?? '家',
    kind: q?.kind ?? (goal?.targetValueMax != null ? 'range' : 'point'),
    comparator: w ? w.comparator : '达到',
    value: q?.kind === 'point' || q?.kind === 'growth' ? num(q.value) : num(goal?.targetValue),
    min: q?.kind === 'range' ? num(q.min) : num(goal?.targetValue),
    max: q?.kind === 'range' ? num(q.max) : num(goal?.targetValueMax),
    direction: q?.kind === 'growth' ? q.direction : 'up',
    yoy: q?.kind === 'growth' ? q.yoy : false,
    strive: w?.strive ?? false,
    baseline: num(i?.baseline),
    aggregation: i?.aggregation ?? 'sum',
    frequency: i?.frequency ?? 'monthly',
    decimals: i?.decimals ?? 0,
    decomposed: i?.decomposed ?? false,
  };
}

/** The form as a goals.save request, or what is wrong with it. */
function toSave(d: Draft, id: number | undefined): { save: GoalSave } | { problem: string } {
  const name = d.name.trim();
  if (!name) return { problem: '请填写指标名称。' };
  let quantity: Quantity;
  if (d.kind === 'range') {
    const min = parseNumber(d.min);
    const max = parseNumber(d.max);
    if (min === null || max === null) return { problem: '请填写范围的下限和上限（如 1 和 3）。' };
    if (min > max) return { problem: '范围的下限大于上限。' };
    quantity = { kind: 'range', min, max };
  } else {
    const value = parseNumber(d.value);
    if (value === null) return { problem: d.kind === 'growth' ? '请填写增长（或下降）的幅度。' : '请填写目标值。' };
    quantity = d.kind === 'growth' ? { kind: 'growth', direction: d.direction, value, yoy: d.yoy } : { kind: 'point', value };
  }
  const probe = { measureUnit: d.measureUnit.trim(), decimals: d.decimals, wording: { quantity } as never };
  for (const v of quantity.kind === 'range' ? [quantity.min, quantity.max] : [quantity.value]) {
    const problem = targetValueProblem(probe, quantity.kind === 'growth' ? Math.abs(v) : v);
    if (problem) return { problem: `${problem}。` };
  }
  const baseline = d.baseline.trim() === '' ? null : parseNumber(d.baseline);
  if (d.baseline.trim() !== '' && baseline === null) return { problem: '基数不是有效的数字。' };
  return {
    save: {
      ...(id !== undefined ? { id } : {}),
      name,
      measureUnit: d.measureUnit.trim(),
      aggregation: d.aggregation,
      frequency: d.frequency,
      decimals: d.decimals,
      decomposed: d.decomposed,
      strive: d.strive,
      comparator: d.kind === 'point' ? d.comparator : '',
      quantity,
      baseline,
    },
  };
}

export function GoalForm({ goal, open, onCancel, onSave }: { goal: GoalRow | null; open: boolean; onCancel(): void; onSave(save: GoalSave): Promise<boolean> }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(goal));
  const [saving, setSaving] = useState(false);
  const [tried, setTried] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const result = useMemo(() => toSave(draft, goal?.indicator.id), [draft, goal]);
  const preview =
    'save' in result
      ? formatTargetWording(wordingFrom(result.save, goal?.indicator.wording ?? null, goal?.indicator.name ?? null))
      : null;
  const submit = async () => {
    setTried(true);
    if (!('save' in result)) return;
    setSaving(true);
    try {
      if (await onSave(result.save)) setTried(false);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={goal ? `编辑工作目标：${goal.indicator.name}` : '新增工作目标'}
      width={720}
      okText="保存"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onCancel}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'goal-save' } as Record<string, string>}
      destroyOnHidden
    >
      <div data-testid="goal-form">
        <div className="tz-goal-preview" data-testid="goal-preview">
          <Typography.Text type="secondary">目标表述预览：</Typography.Text>
          <strong>{preview ?? '（填写名称和目标值后显示）'}</strong>
        </div>
        <Form layout="vertical" requiredMark={false}>
          <Row gutter={16}>
            <Col span={14}>
              <Form.Item label="指标名称" required>
                <Input value={draft.name} maxLength={60} onChange={(e) => set('name', e.target.value)} placeholder="如：技术合同成交额" data-testid="goal-name" />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item label="计量单位">
                <Select
                  showSearch
                  value={draft.measureUnit}
                  onChange={(v: string) => setDraft((d) => ({ ...d, measureUnit: v, decimals: d.measureUnit === v ? d.decimals : defaultDecimals(v) }))}
                  options={[...new Set([draft.measureUnit, ...MEASURE_UNITS])].filter(Boolean).map((u) => ({ value: u, label: u }))}
                  aria-label="计量单位"
                  data-testid="goal-measure-unit"
                  // Another measure unit is typed into the search box and taken with Enter.
                  onInputKeyDown={(e) => {
                    const text = (e.target as HTMLInputElement).value.trim();
                    if (e.key === 'Enter' && text) set('measureUnit', text);
                  }}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="目标类型">
            <Radio.Group
              value={draft.kind}
              onChange={(e) => set('kind', e.target.value as Kind)}
              options={[
                { value: 'point', label: '数值（达到、突破…）' },
                { value: 'range', label: '范围（如 1-3 个）' },
                { value: 'growth', label: '增长或下降（如 增长30%）' },
              ]}
              data-testid="goal-kind"
            />
          </Form.Item>
          <Row gutter={16}>
            {draft.kind === 'point' ? (
              <>
                <Col span={8}>
                  <Form.Item label="表述用词">
                    <Select value={draft.comparator} onChange={(v: Comparator) => set('comparator', v)} options={COMPARATORS.map((c) => ({ value: c, label: c || '（不用）' }))} data-testid="goal-comparator" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item label="目标值" required>
                    <Input value={draft.value} onChange={(e) => set('value', e.target.value)} suffix={draft.measureUnit} inputMode="decimal" data-testid="goal-value" />
                  </Form.Item>
                </Col>
              </>
            ) : draft.kind === 'range' ? (
              <>
                <Col span={8}>
                  <Form.Item label="下限" required>
                    <Input value={draft.min} onChange={(e) => set('min', e.target.value)} suffix={draft.measureUnit} inputMode="decimal" data-testid="goal-min" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item label="上限" required>
                    <Input value={draft.max} onChange={(e) => set('max', e.target.value)} suffix={draft.measureUnit} inputMode="decimal" data-testid="goal-max" />
                  </Form.Item>
                </Col>
              </>
            ) : (
              <>
                <Col span={8}>
                  <Form.Item label="方向">
                    <Select
                      value={`${draft.direction}-${draft.yoy ? 'yoy' : ''}`}
                      onChange={(v: string) => setDraft((d) => ({ ...d, direction: v.startsWith('up') ? 'up' : 'down', yoy: v.endsWith('yoy') }))}
                      options={[
                        { value: 'up-', label: '增长' },
                        { value: 'up-yoy', label: '同比增长' },
                        { value: 'down-', label: '下降' },
                        { value: 'down-yoy', label: '同比下降' },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item label="幅度" required>
                    <Input value={draft.value} onChange={(e) => set('value', e.target.value)} suffix={draft.measureUnit} inputMode="decimal" data-testid="goal-value" />
                  </Form.Item>
                </Col>
              </>
            )}
            <Col span={8}>
              <Form.Item label="基数（上年实际）">
                <Input value={draft.baseline} onChange={(e) => set('baseline', e.target.value)} suffix={draft.measureUnit} inputMode="decimal" placeholder="可不填" data-testid="goal-baseline" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item label="汇总方式">
                <Select value={draft.aggregation} onChange={(v: Aggregation) => set('aggregation', v)} options={(['sum', 'none'] as Aggregation[]).map((a) => ({ value: a, label: AGGREGATION_LABEL[a] }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="报送频率">
                <Select value={draft.frequency} onChange={(v: Frequency) => set('frequency', v)} options={(['monthly', 'quarterly', 'yearly'] as Frequency[]).map((f) => ({ value: f, label: FREQUENCY_LABEL[f] }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="小数位数">
                <InputNumber min={0} max={6} precision={0} value={draft.decimals} onChange={(v) => set('decimals', v ?? 0)} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Checkbox checked={draft.strive} onChange={(e) => set('strive', e.target.checked)} data-testid="goal-strive">
            “力争”
          </Checkbox>
          <Checkbox checked={draft.decomposed} onChange={(e) => set('decomposed', e.target.checked)} data-testid="goal-decomposed">
            分解到下级单位（附件2，在“指标分解”中逐个单位填写目标）
          </Checkbox>
        </Form>
        {tried && 'problem' in result ? <Alert className="tz-mt" type="error" showIcon title={result.problem} data-testid="goal-problem" /> : null}
      </div>
    </Modal>
  );
}
