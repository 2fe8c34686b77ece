/**
 * 报表导出 → 年度工作总结 (PDF): choose the unit (the district or one of its
 * streets, towns, zones) and the year; edit the written sections, preview
 * the document, then generate the PDF (laid out in a worker thread by the
 * core, so the window stays responsive) and save or print it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, DatePicker, Drawer, Form, Input, Popconfirm, Progress, Select, Space, Spin, Typography } from 'antd';
import { EditOutlined, EyeOutlined, FilePdfOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { JobProgress, SummaryEditorView, SummaryPreview as Preview } from '../../../shared/api/methods/summary';
import type { Plan } from '../../../shared/model/plan';
import type { SummarySections } from '../../../shared/summary/outline';
import { api, errorMessage } from '../api/transport';
import { SummaryEditor } from '../summary/SummaryEditor';
import { SummaryPreview } from '../summary/SummaryPreview';
import { downloadBase64 } from './downloadFile';
import './reports.css';
import '../summary/summary.css';
import { usePlanUnits } from './usePlanUnits';

export function SummaryCard({ plan }: { plan: Plan }) {
  const { message } = AntApp.useApp();
  const { units, own, subs, loadError } = usePlanUnits(plan);
  const [unitId, setUnitId] = useState(plan.unitId);
  const [year, setYear] = useState(plan.yearEnd);
  const [busy, setBusy] = useState<null | 'pdf' | 'preview'>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  /** The job this card is waiting for; progress events of other windows' jobs are ignored. */
  const jobRef = useRef<string | null>(null);

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
  }, [plan.id, plan.unitId, plan.yearEnd]);
  useEffect(() => {
    setDone(null);
    setError(null);
    setProgress(null);
  }, [unitId, year, plan.id]);

  const unitOptions = useMemo(() => {
    return [
      { label: '本级', options: [{ value: plan.unitId, label: own?.name ?? '本级' }] },
      { label: '街道、镇、集聚区', options: subs.map((u) => ({ value: u.id, label: u.name })) },
    ];
  }, [own, subs, plan.unitId]);
  const years = Array.from({ length: plan.yearEnd - plan.yearStart + 1 }, (_, i) => plan.yearStart + i);
  const target = { planId: plan.id, unitId, year };

  const generate = async () => {
    const jobId = newJobId();
    jobRef.current = jobId;
    setBusy('pdf');
    setError(null);
    setDone(null);
    setProgress({ jobId, kind: 'summary.pdf', stage: '正在准备', done: 0, total: 100 });
    try {
      const pdf = await api.call('summary.pdf', { ...target, jobId });
      downloadBase64(pdf.base64, pdf.fileName, pdf.mimeType);
      setDone(`${pdf.fileName}（${pdf.pages} 页）`);
      // The answer is the last word, whether or not the final event got here first.
      setProgress({ jobId, kind: 'summary.pdf', stage: '已完成', done: 100, total: 100 });
      message.success(`已生成“${pdf.fileName}”`);
    } catch (e) {
      setProgress(null);
      setError(errorMessage(e));
    } finally {
      jobRef.current = null;
      setBusy(null);
    }
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
          <FilePdfOutlined className="tz-export-icon" style={{ color: '#c00000' }} /> 年度工作总结（PDF）
        </span>
      }
    >
      <Typography.Paragraph type="secondary">
        按党政机关公文格式（GB/T 9704）排版：主要指标完成情况由完成数自动写成，附指标表和完成率图；亮点工作、存在的主要问题、下一年工作思路可先由任务进展生成初稿，再修改。
      </Typography.Paragraph>
      <Form layout="inline" className="tz-export-form">
        <Form.Item label="单位">
          <Select data-testid="summary-unit" aria-label="总结单位" value={unitId} onChange={(v: number) => setUnitId(v)} options={unitOptions} loading={units == null} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label="年度">
          <Select aria-label="年度" value={year} onChange={(v: number) => setYear(v)} options={years.map((y) => ({ value: y, label: `${y}年` }))} style={{ width: 110 }} />
        </Form.Item>
      </Form>
      <Space wrap style={{ marginTop: 8 }}>
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="summary-edit-button">
          编辑内容
        </Button>
        <Button icon={<EyeOutlined />} loading={busy === 'preview'} onClick={() => void showPreview()} data-testid="summary-preview-button">
          预览
        </Button>
        <Button type="primary" icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void generate()} data-testid="summary-pdf-button">
          生成PDF
        </Button>
      </Space>
      {progress ? <JobProgressBar progress={progress} running={busy === 'pdf'} /> : null}
      {loadError ? <Alert style={{ marginTop: 12 }} type="error" showIcon title="无法读取单位列表" description={loadError} /> : null}
      {error ? <Alert style={{ marginTop: 12 }} type="error" showIcon title="年度工作总结生成失败" description={error} data-testid="summary-error" /> : null}
      {done ? <Alert style={{ marginTop: 12 }} type="success" showIcon title={`已生成：${done}`} data-testid="summary-result" /> : null}
      {editing ? (
        <SummaryEditDrawer
          target={target}
          onClose={() => setEditing(false)}
          onPreview={() => {
            setEditing(false);
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
          <Button type="primary" icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void generate()} data-testid="summary-preview-pdf">
            生成PDF
          </Button>
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
  target: { planId: number; unitId: number; year: number };
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
  }, [target.planId, target.unitId, target.year]);

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
      title={view ? `编辑年度工作总结：${view.unit.name} ${view.year}年` : '编辑年度工作总结'}
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
              title="以下内容是由本年度任务进展自动生成的初稿，尚未保存。请修改后保存。"
              data-testid="summary-prefilled"
            />
          ) : null}
          <div className="tz-summary-meta">
            <Input addonBefore="标题" placeholder={view.defaults.title} value={meta.title} onChange={(e) => (setMeta({ ...meta, title: e.target.value }), setDirty(true))} style={{ width: 460 }} />
            <Input addonBefore="落款单位" placeholder={view.defaults.issuer} value={meta.issuer} onChange={(e) => (setMeta({ ...meta, issuer: e.target.value }), setDirty(true))} style={{ width: 280 }} />
            <DatePicker
              placeholder="落款日期（默认生成当天）"
              value={meta.datedOn ? dayjs(meta.datedOn) : null}
              onChange={(d) => (setMeta({ ...meta, datedOn: d ? d.format('YYYY-MM-DD') : null }), setDirty(true))}
            />
          </div>
          <Typography.Paragraph type="secondary">
            “一、主要指标完成情况”由完成数自动生成，无需填写。下列各部分的编号（（一）、1.、（1））按层级自动排列。
          </Typography.Paragraph>
          <SummaryEditor
            year={view.year}
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
