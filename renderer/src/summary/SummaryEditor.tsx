/**
 * The editor of a summary's written sections (亮点工作, 存在的主要问题,
 * 下一年工作思路): plain paragraphs, each with a numbering level. Numbers are
 * shown as the document will print them and recomputed after every change,
 * because they are derived from the levels (shared/summary/outline.ts): under
 * （二）亮点工作 and （三）存在的主要问题 the paragraphs number 1. and （1）; under
 * 二、2023年工作思路 also （一）.
 */
import { Button, Input, Select, Space, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  numberParagraphs,
  OUTLINE_LEVEL_LABEL,
  paragraphsFromText,
  sectionLevels,
  sectionParagraphs,
  sectionTitle,
  SECTION_KEYS,
  type OutlineLevel,
  type SectionKey,
  type SummaryParagraph,
  type SummarySections,
} from '../../../shared/summary/outline';

/** Where each section sits in the document (seed 001's structure). */
const HEADING_NUMBER: Record<SectionKey, string> = { highlights: '（二）', problems: '（三）', nextYear: '二、' };

export interface SummaryEditorProps {
  /** The summary's period ("2022", "2022Q2"): it names the last section (2023年工作思路, 下半年工作打算). */
  period: string;
  sections: SummarySections;
  onChange(sections: SummarySections): void;
}

export function SummaryEditor({ period, sections, onChange }: SummaryEditorProps) {
  const setSection = (key: SectionKey, paragraphs: SummaryParagraph[]) => onChange({ ...sections, [key]: paragraphs });
  return (
    <div className="tz-summary-editor" data-testid="summary-editor">
      {SECTION_KEYS.map((key) => (
        <SectionEditor
          key={key}
          sectionKey={key}
          heading={`${HEADING_NUMBER[key]}${sectionTitle(key, period)}`}
          paragraphs={sections[key]}
          onChange={(p) => setSection(key, p)}
        />
      ))}
    </div>
  );
}

function SectionEditor({
  sectionKey,
  heading,
  paragraphs,
  onChange,
}: {
  sectionKey: SectionKey;
  heading: string;
  paragraphs: SummaryParagraph[];
  onChange(p: SummaryParagraph[]): void;
}) {
  // Levels above what the section allows (an earlier paste, an older version's pre-fill) move down, as the
  // document prints them; every edit works on (and saves) the paragraphs as shown.
  const shown = sectionParagraphs(sectionKey, paragraphs);
  const levels = sectionLevels(sectionKey);
  const numbers = numberParagraphs(shown);
  const update = (i: number, patch: Partial<SummaryParagraph>) => onChange(shown.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const move = (i: number, by: number) => {
    const next = [...shown];
    const [p] = next.splice(i, 1);
    next.splice(i + by, 0, p);
    onChange(next);
  };
  const insertAfter = (i: number, level: OutlineLevel) => {
    const next = [...shown];
    next.splice(i + 1, 0, { level, text: '' });
    onChange(next);
  };
  return (
    <section className="tz-summary-section" data-testid={`summary-section-${sectionKey}`}>
      <Typography.Title level={5} className="tz-summary-section-title">
        {heading}
      </Typography.Title>
      {shown.length === 0 ? (
        <Typography.Paragraph type="secondary" data-testid={`summary-empty-${sectionKey}`}>
          本部分尚未填写：正式稿中不印出这一部分（作为征求意见稿或草稿生成时，标注“待补充”）。
        </Typography.Paragraph>
      ) : null}
      {shown.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity (level + text); every input is controlled by its position's paragraph
        <div className="tz-summary-paragraph" key={i} data-testid="summary-paragraph">
          <Select
            aria-label="编号层级"
            size="small"
            value={p.level}
            onChange={(level: OutlineLevel) => update(i, { level })}
            options={levels.map((l) => ({ value: l, label: l === 0 ? '正文' : OUTLINE_LEVEL_LABEL[l] }))}
            className="tz-summary-level"
          />
          <span className="tz-summary-number" title="编号（按层级自动生成）">
            {numbers[i]}
          </span>
          <Input.TextArea
            aria-label="段落内容"
            value={p.text}
            autoSize={{ minRows: 1, maxRows: 12 }}
            onChange={(e) => update(i, { text: e.target.value })}
            onPaste={(e) => {
              // Several lines pasted into an empty paragraph become several paragraphs, numbers read as levels.
              const text = e.clipboardData.getData('text');
              if (p.text === '' && /\n/.test(text.trim())) {
                e.preventDefault();
                const next = [...shown];
                next.splice(i, 1, ...paragraphsFromText(text));
                onChange(next);
              }
            }}
            placeholder="输入段落内容；编号由层级自动生成"
          />
          <Space.Compact size="small">
            <Tooltip title="上移">
              <Button icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label="上移" />
            </Tooltip>
            <Tooltip title="下移">
              <Button icon={<ArrowDownOutlined />} disabled={i === shown.length - 1} onClick={() => move(i, 1)} aria-label="下移" />
            </Tooltip>
            <Tooltip title="在下方插入段落">
              <Button icon={<PlusOutlined />} onClick={() => insertAfter(i, p.level === 2 ? 3 : shown[i].level)} aria-label="插入段落" />
            </Tooltip>
            <Tooltip title="删除">
              <Button danger icon={<DeleteOutlined />} onClick={() => onChange(shown.filter((_, j) => j !== i))} aria-label="删除段落" />
            </Tooltip>
          </Space.Compact>
        </div>
      ))}
      <Space>
        {levels.includes(2) ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => insertAfter(shown.length - 1, 2)} data-testid={`summary-add-heading-${sectionKey}`}>
            添加（一）标题
          </Button>
        ) : null}
        <Button size="small" icon={<PlusOutlined />} onClick={() => insertAfter(shown.length - 1, 3)} data-testid={`summary-add-item-${sectionKey}`}>
          添加 1. 条目
        </Button>
        <Button size="small" icon={<PlusOutlined />} onClick={() => insertAfter(shown.length - 1, 0)}>
          添加正文段落
        </Button>
      </Space>
    </section>
  );
}
