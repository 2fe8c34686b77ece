/**
 * 报表导出 → 年度工作总结 (PDF, Word): choose the unit (the district or one of
 * its streets, towns, zones), the year and the span (全年, or 上半年/前三季度/一季度
 * for a summary titled accordingly); see and change the 成文日期; edit the
 * written sections, preview the document, then generate the PDF or download
 * the same document as Word (.docx) to edit in Word or WPS (both made in a
 * worker thread by the core, so the window stays responsive). A section with
 * nothing written is listed before either file is made: it is left out of
 * the final document, or included marked in a 征求意见稿/草稿.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Modal, Popconfirm, Progress, Radio, Select, Space, Spin, Typography } from 'antd';
import { EditOutlined, EyeOutlined, FilePdfOutlined, FileWordOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { JobProgress, SummaryEditorView, SummaryPreview as Preview } from '../../../shared/api/methods/summary';
import type { Plan } from '../../../shared/model/plan';
import { periodLabel } from '../../../shared/periods';
import type { SummarySections } from '../../../shared/summary/outline';
import { chineseDate, DRAFT_MARKS, sectionLabels, type DraftMark } from '../../../shared/summary/document';
import { api, errorMessage } from '../api/transport';
import { SummaryEditor } from '../summary/SummaryEditor';
import { SummaryPreview } from '../summary/SummaryPreview';
import { downloadBase64 } from './downloadFile';
import './reports.css';
import '../summary/summary.css';
import { usePlanUnits } from './usePlanUnits';

/** The two files the summary is made as, from the same document. */
type Format = 'pdf' | 'docx';
const FORMAT_METHOD = { pdf: 'summary.pdf', docx: 'summary.docx' } as const;

/** The spans a summary can cover: the year, or the year so far at a quarter's end (cumulative figures). */
const SPANS = [
  { suffix: '', label: '全年' },
  { suffix: 'Q3', label: '前三季度' },
  { suffix: 'Q2', label: '上半年' },
  { suffix: 'Q1', label: '一季度' },
] as const;

export function SummaryCard({ plan }: { plan: Plan }) {
  const { message } = AntApp.useApp();
  const { units, own, subs, loadError } = usePlanUnits(plan);
  const [unitId, setUnitId] = useState(plan.unitId);
  const [year, setYear] = useState(plan.yearEnd);
  const [span, setSpan] = useState<string>('');
  const [busy, setBusy] = useState<null | Format | 'preview' | 'date'>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  /** What the summary holds now: title, issuer, 成文日期 (or their defaults), the unwritten sections. */
  const [view, setView] = useState<SummaryEditorView | null>(null);
  /** Asking before a file with unwritten sections (which file): leave them out, or make a draft marked so. */
  const [asking, setAsking] = useState<Format | null>(null);
  const [mark, setMark] = useState<DraftMark>('征求意见稿');
  /** The job this card is waiting for; progress events of other windows' jobs are ignored. */
  const jobRef = useRef<string | null>(null);
  const period = `${year}${span}`;

  // Subscribed while the card is shown (not per click), so the event stream is already open when a job starts.
  useEffect(
    () =>
      api.on('job.progress', (p) => {
        if (p.jobId !== jobRef.current) return;
        // Events may overtake each other in no transport, but never let the bar move back.
        setProgress((prev) => (prev && prev.jobId === p.jobId && prev.done > p.done ? prev : p));
      }),
    [],
  );

  useEffect(() => {
    setUnitId(plan.unitId);
    setYear(plan.yearEnd);
    setSpan('');
  }, [plan.id, plan.unitId, plan.yearEnd]);
  useEffect(() => {
    setDone(null);
    setError(null);
    setProgress(null);
  }, [unitId, year, span, plan.id]);

  const target = { planId: plan.id, unitId, year, period };
  const loadView = async () => {
    try {
      setView(await api.call('summary.get', target));
    } catch (e) {
      setView(null);
      setError(errorMessage(e));
    }
  };
  useEffect(() => {
    let live = true;
    setView(null);
    api
      .call('summary.get', { planId: plan.id, unitId, year, period })
      .then((v) => live && setView(v))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [plan.id, unitId, year, period]);

  const unitOptions = useMemo(() => {
    return [
      { label: '本级', options: [{ value: plan.unitId, label: own?.name ?? '本级' }] },
      { label: '街道、镇、集聚区', options: subs.map((u) => ({ value: u.id, label: u.name })) },
    ];
  }, [own, subs, plan.unitId]);
  const years = Array.from({ length: plan.yearEnd - plan.yearStart + 1 }, (_, i) => plan.yearStart + i);
  const labels = sectionLabels(period);
  const unwrittenNames = (view?.unwritten ?? []).map((k) => labels[k]);
  const datedOn = view ? (view.datedOn ?? view.defaults.datedOn) : null;

  /** The 成文日期 is saved on its own: the written sections stay as they are (or pre-filled). */
  const saveDate = async (date: string | null) => {
    if (!view) return;
    setBusy('date');
    setError(null);
    try {
      setView(await api.call('summary.save', { ...target, title: view.title, issuer: view.issuer, datedOn: date }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const generate = async (format: Format, draft: DraftMark | null) => {
    setAsking(null);
    const jobId = newJobId();
    const kind = FORMAT_METHOD[format];
    jobRef.current = jobId;
    setBusy(format);
    setError(null);
    setDone(null);
    setProgress({ jobId, kind, stage: '正在准备', done: 0, total: 100 });
    try {
      const file = await api.call(kind, { ...target, jobId, ...(draft ? { draft } : {}) });
      downloadBase64(file.base64, file.fileName, file.mimeType);
      // Word lays out the pages itself: a .docx has no page count of its own.
      setDone('pages' in file ? `${file.fileName}（${file.pages} 页）` : file.fileName);
      // The answer is the last word, whether or not the final event got here first.
      setProgress({ jobId, kind, stage: '已完成', done: 100, total: 100 });
      message.success(`已生成“${file.fileName}”`);
    } catch (e) {
      setProgress(null);
      setError(errorMessage(e));
    } finally {
      jobRef.current = null;
      setBusy(null);
    }
  };

  /** 生成PDF / 下载 Word: first says what is unwritten, when anything is. */
  const askThenGenerate = (format: Format) => {
    if (view && view.unwritten.length > 0) setAsking(format);
    else void generate(format, null);
  };

  const showPreview = async () => {
    setBusy('preview');
    setError(null);
    try {
      setPreview(await api.call('summary.preview', target));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      className="tz-card tz-export-card"
      data-testid="summary-card"
      title={
        <span>
          <FilePdfOutlined className="tz-export-icon" style={{ color: '#c00000' }} /> 年度工作总结（PDF、Word）
        </span>
      }
    >
      <Typography.Paragraph type="secondary">
        按党政机关公文格式（GB/T 9704）排版：总体情况和主要指标完成情况由完成数自动写成，附指标表和完成率图；亮点工作、存在的主要问题、下一年工作思路先由任务进展、完成数和下一年度工作要点生成初稿，再修改。同一份总结可生成PDF，也可下载为Word文档（.docx），在Word或WPS中继续修改，版式和样式（标题、正文、一级标题……）已按公文设置好。
      </Typography.Paragraph>
      <Form layout="inline" className="tz-export-form">
        <Form.Item label="单位">
          <Select data-testid="summary-unit" aria-label="总结单位" value={unitId} onChange={(v: number) => setUnitId(v)} options={unitOptions} loading={units == null} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label="年度">
          <Select aria-label="年度" value={year} onChange={(v: number) => setYear(v)} options={years.map((y) => ({ value: y, label: `${y}年` }))} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item label="期间">
          <Select
            data-testid="summary-span"
            aria-label="总结期间"
            value={span}
            onChange={(v: string) => setSpan(v)}
            options={SPANS.map((s) => ({ value: s.suffix, label: s.label }))}
            style={{ width: 120 }}
          />
        </Form.Item>
      </Form>
      <Descriptions size="small" column={1} className="tz-summary-doc-meta" data-testid="summary-doc-meta">
        <Descriptions.Item label="标题">
          <span data-testid="summary-title">{view ? view.title || view.defaults.title : '…'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="落款单位">
          <span data-testid="summary-issuer">{view ? view.issuer || view.defaults.issuer : '…'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="成文日期">
          <Space wrap>
            <DatePicker
              data-testid="summary-date"
              aria-label="成文日期"
              allowClear={false}
              style={{ width: 170 }}
              disabled={!view || busy === 'date'}
              value={datedOn ? dayjs(datedOn) : null}
              // Shown as the document prints it; typed either way.
              format={['YYYY年M月D日', 'YYYY-MM-DD', 'YYYY/M/D']}
              onChange={(d) => d && void saveDate(d.format('YYYY-MM-DD'))}
            />
            {view && view.datedOn == null ? (
              <Typography.Text type="secondary" data-testid="summary-date-default">
                {view.defaults.datedOn === dayjs().format('YYYY-MM-DD') ? '默认为今天，可修改' : '默认为该期间的最后一个工作日（早已过去的期间），可修改'}
              </Typography.Text>
            ) : view ? (
              <Button size="small" type="link" onClick={() => void saveDate(null)} data-testid="summary-date-reset">
                恢复默认日期
              </Button>
            ) : null}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {unwrittenNames.length ? (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          showIcon
          data-testid="summary-unwritten"
          title={`尚未填写：${unwrittenNames.join('、')}`}
          description="正式稿中不印出未填写的部分；也可作为征求意见稿或草稿生成，未填写处标注“待补充”。"
          action={
            <Button size="small" onClick={() => setEditing(true)}>
              去填写
            </Button>
          }
        />
      ) : null}
      <Space wrap style={{ marginTop: 8 }}>
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="summary-edit-button">
          编辑内容
        </Button>
        <Button icon={<EyeOutlined />} loading={busy === 'preview'} onClick={() => void showPreview()} data-testid="summary-preview-button">
          预览
        </Button>
        <Button type="primary" icon={<FilePdfOutlined />} loading={busy === 'pdf'} disabled={!view || busy === 'docx'} onClick={() => askThenGenerate('pdf')} data-testid="summary-pdf-button">
          生成PDF
        </Button>
        <Button icon={<FileWordOutlined />} loading={busy === 'docx'} disabled={!view || busy === 'pdf'} onClick={() => askThenGenerate('docx')} data-testid="summary-docx-button">
          下载 Word (.docx)
        </Button>
      </Space>
      {progress ? <JobProgressBar progress={progress} running={busy === 'pdf' || busy === 'docx'} /> : null}
      {loadError ? <Alert style={{ marginTop: 12 }} type="error" showIcon title="无法读取单位列表" description={loadError} /> : null}
      {error ? <Alert style={{ marginTop: 12 }} type="error" showIcon title="年度工作总结生成失败" description={error} data-testid="summary-error" /> : null}
      {done ? <Alert style={{ marginTop: 12 }} type="success" showIcon title={`已生成：${done}`} data-testid="summary-result" /> : null}
      <Modal
        open={asking != null}
        width={580}
        title={`以下部分尚未填写${asking === 'docx' ? '（Word文档）' : ''}`}
        onCancel={() => setAsking(null)}
        data-testid="summary-unwritten-dialog"
        footer={[
          <Button key="fill" onClick={() => (setAsking(null), setEditing(true))}>
            去填写
          </Button>,
          <Button key="draft" onClick={() => asking && void generate(asking, mark)} data-testid="summary-pdf-draft">
            作为{mark}生成
          </Button>,
          <Button key="final" type="primary" onClick={() => asking && void generate(asking, null)} data-testid="summary-pdf-final">
            不含这些部分，生成正式稿
          </Button>,
        ]}
      >
        <Typography.Paragraph>
          <b>{unwrittenNames.join('、')}</b> 还没有内容。正式稿中不印出这些部分，其余部分的编号顺延。
        </Typography.Paragraph>
        <Typography.Paragraph>
          也可以先印一份
          <Radio.Group value={mark} onChange={(e) => setMark(e.target.value as DraftMark)} style={{ margin: '0 8px' }} data-testid="summary-draft-mark">
            {DRAFT_MARKS.map((m) => (
              <Radio.Button key={m} value={m}>
                {m}
              </Radio.Button>
            ))}
          </Radio.Group>
          ：标题下注明“（{mark}）”，未填写的部分标注“待补充”。
        </Typography.Paragraph>
      </Modal>
      {editing ? (
        <SummaryEditDrawer
          target={target}
          onClose={() => {
            setEditing(false);
            void loadView();
          }}
          onPreview={() => {
            setEditing(false);
            void loadView();
            void showPreview();
          }}
        />
      ) : null}
      <Drawer
        title="年度工作总结预览"
        open={preview != null}
        onClose={() => setPreview(null)}
        size={900}
        extra={
          <Space>
            <Button icon={<FileWordOutlined />} loading={busy === 'docx'} disabled={busy === 'pdf'} onClick={() => askThenGenerate('docx')} data-testid="summary-preview-docx">
              下载 Word (.docx)
            </Button>
            <Button type="primary" icon={<FilePdfOutlined />} loading={busy === 'pdf'} disabled={busy === 'docx'} onClick={() => askThenGenerate('pdf')} data-testid="summary-preview-pdf">
              生成PDF
            </Button>
          </Space>
        }
        styles={{ body: { background: '#e8e8e8' } }}
      >
        {preview ? <SummaryPreview preview={preview} /> : null}
      </Drawer>
    </Card>
  );
}

/** Unique enough to tell this window's jobs from others' (crypto.randomUUID needs a secure context). */
function newJobId(): string {
  return `summary-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The stage and a bar while the core lays out the PDF; stays at 100% 已完成 afterwards. */
function JobProgressBar({ progress, running }: { progress: JobProgress; running: boolean }) {
  const percent = Math.round((100 * progress.done) / Math.max(1, progress.total));
  const finished = !running && progress.done >= progress.total;
  return (
    <div className="tz-summary-progress" data-testid="summary-progress" data-done={finished ? 'true' : 'false'} role="status" aria-live="polite">
      <Progress percent={percent} status={finished ? 'success' : 'active'} size="small" aria-label="生成进度" />
      <Typography.Text type="secondary" data-testid="summary-progress-stage">
        {progress.stage}
        {running ? '（在后台生成，窗口可继续使用）' : ''}
      </Typography.Text>
    </div>
  );
}

function SummaryEditDrawer({
  target,
  onClose,
  onPreview,
}: {
  target: { planId: number; unitId: number; year: number; period: string };
  onClose(): void;
  onPreview(): void;
}) {
  const { message } = AntApp.useApp();
  const [view, setView] = useState<SummaryEditorView | null>(null);
  const [sections, setSections] = useState<SummarySections | null>(null);
  const [meta, setMeta] = useState<{ title: string; issuer: string; datedOn: string | null }>({ title: '', issuer: '', datedOn: null });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .call('summary.get', target)
      .then((v) => {
        if (!live) return;
        setView(v);
        setSections(v.sections);
        setMeta({ title: v.title ?? '', issuer: v.issuer ?? '', datedOn: v.datedOn });
      })
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [target.planId, target.unitId, target.year, target.period]);

  const save = async (): Promise<boolean> => {
    if (!sections) return false;
    setSaving(true);
    setError(null);
    try {
      const v = await api.call('summary.save', { ...target, title: meta.title || null, issuer: meta.issuer || null, datedOn: meta.datedOn, sections });
      setView(v);
      setSections(v.sections);
      setDirty(false);
      message.success('已保存');
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setSaving(false);
    }
  };

  const refill = async () => {
    try {
      setSections(await api.call('summary.prefill', target));
      setDirty(true);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Drawer
      title={view ? `编辑工作总结：${view.unit.name} ${periodLabel(view.period).replace('年度', '年')}` : '编辑工作总结'}
      open
      onClose={onClose}
      size={1000}
      extra={
        <Space>
          <Popconfirm title="用任务进展重新生成初稿？" description="当前未保存的修改将被替换。" okText="重新生成" cancelText="取消" onConfirm={() => void refill()}>
            <Button icon={<ReloadOutlined />} data-testid="summary-refill">
              从任务进展重新生成
            </Button>
          </Popconfirm>
          <Button icon={<EyeOutlined />} onClick={async () => ((!dirty || (await save())) ? onPreview() : undefined)} data-testid="summary-save-preview">
            保存并预览
          </Button>
          <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()} data-testid="summary-save">
            保存
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title="操作失败" description={error} style={{ marginBottom: 12 }} /> : null}
      {!view || !sections ? (
        <Spin />
      ) : (
        <>
          {!view.saved ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title="以下内容是由任务进展和完成数自动生成的初稿，尚未保存。请修改后保存。"
              data-testid="summary-prefilled"
            />
          ) : null}
          <div className="tz-summary-meta">
            <Input addonBefore="标题" placeholder={view.defaults.title} value={meta.title} onChange={(e) => (setMeta({ ...meta, title: e.target.value }), setDirty(true))} style={{ width: 460 }} />
            <Input addonBefore="落款单位" placeholder={view.defaults.issuer} value={meta.issuer} onChange={(e) => (setMeta({ ...meta, issuer: e.target.value }), setDirty(true))} style={{ width: 280 }} />
            <DatePicker
              aria-label="成文日期"
              placeholder={`成文日期（默认 ${chineseDate(view.defaults.datedOn)}）`}
              value={meta.datedOn ? dayjs(meta.datedOn) : null}
              onChange={(d) => (setMeta({ ...meta, datedOn: d ? d.format('YYYY-MM-DD') : null }), setDirty(true))}
            />
          </div>
          <Typography.Paragraph type="secondary">
            “一、工作情况”的开头一段和“（一）主要指标完成情况”由完成数和任务进展自动生成，无需填写。下列各部分的编号（1.、（1）、（一））按层级自动排列；没有内容的部分在正式稿中不印出。
          </Typography.Paragraph>
          <SummaryEditor
            period={view.period}
            sections={sections}
            onChange={(s) => {
              setSections(s);
              setDirty(true);
            }}
          />
        </>
      )}
    </Drawer>
  );
}
