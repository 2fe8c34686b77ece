/**
 * 导入: choose or drop a file, or paste text; see the preview (sheets with
 * their mapping, rows, unit matches, problems, what will change); fix the
 * mapping or the units; commit all or nothing. Every change re-asks the core
 * for a preview, so what is shown is what import.commit will write.
 */
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Drawer, Input, Space, Spin, Tabs, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { ImportOptions, ImportPreview, UnitFix } from '../../../shared/import/types';
import type { Unit } from '../../../shared/model/units';
import { IMPORT_MAX_LABEL } from '../../../shared/import/limits';
import { api, errorMessage } from '../api/transport';
import { useAppStore } from '../store/appStore';
import { useUndo } from '../backup/useUndo';
import { navigate } from '../route';
import { fileToBase64 } from './readFile';
import { ProblemList } from './ProblemList';
import { UnitMatches } from './UnitMatches';
import { SheetView } from './SheetView';
import { DiffSummary } from './DiffSummary';
import { NewPlanBox } from './NewPlanBox';
import { ProgressLossBox } from './ProgressLossBox';
import { ReplaceBox } from './ReplaceBox';
import { RewriteList } from './RewriteList';
import { ImportOperator } from './ImportOperator';
import { NoticeHeadBox } from './NoticeHeadBox';
import { useOperator } from '../entry/Operator';

function countsText(c: ImportPreview['counts']): string {
  const parts = [
    c.tasks ? `${c.actionLines} 项行动、${c.tasks} 项任务` : '',
    c.indicators ? `${c.indicators} 个指标、${c.targets} 个目标值` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('，') : '没有识别出可导入的内容';
}

export type ImportSourceInput = { fileName: string; dataBase64: string } | { fileName: string; text: string };

export function ImportDrawer({
  open,
  onClose,
  initialFile,
}: {
  open: boolean;
  onClose(): void;
  /** A file dropped onto the window. */
  initialFile: File | null;
}) {
  const { message } = AntApp.useApp();
  const { offer: offerUndo } = useUndo();
  const planId = useAppStore((s) => s.planId);
  const [source, setSource] = useState<ImportSourceInput | null>(null);
  const [options, setOptions] = useState<ImportOptions>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState<'reading' | 'preview' | 'commit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const [units, setUnits] = useState<Unit[]>([]);
  const operator = useOperator((s) => s.name);

  const reset = () => {
    setSource(null);
    setOptions({});
    setPreview(null);
    setError(null);
  };

  useEffect(() => {
    if (!open) return;
    api.call('units.directory', {}).then((d) => setUnits(d.units), () => setUnits([]));
  }, [open]);

  const takeFile = async (file: File) => {
    reset();
    setBusy('reading');
    try {
      setSource({ fileName: file.name, dataBase64: await fileToBase64(file) });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  useEffect(() => {
    if (open && initialFile) void takeFile(initialFile);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, initialFile]);

  // Every change of source or options: a fresh preview from the core.
  useEffect(() => {
    if (!source) return;
    let stale = false;
    setBusy('preview');
    api
      .call('import.preview', { ...source, planId: planId ?? undefined, options })
      .then((p) => !stale && (setPreview(p), setError(null)))
      .catch((e) => !stale && setError(errorMessage(e)))
      .finally(() => !stale && setBusy(null));
    return () => {
      stale = true;
    };
  }, [source, options, planId]);

  const setSheet = (name: string, patch: NonNullable<ImportOptions['sheets']>[string]) =>
    setOptions((o) => ({ ...o, sheets: { ...o.sheets, [name]: { ...o.sheets?.[name], ...patch } } }));
  const setFix = (name: string, fix: UnitFix | null) =>
    setOptions((o) => {
      const unitFixes = { ...o.unitFixes };
      if (fix) unitFixes[name] = fix;
      else delete unitFixes[name];
      return { ...o, unitFixes };
    });

  const commit = async () => {
    if (!source || !preview) return;
    setBusy('commit');
    try {
      const out = await api.call('import.commit', { ...source, planId: planId ?? undefined, options, expectRevision: preview.revision });
      if (out.committed) {
        const c = out.counts;
        const done = `已导入“${out.fileName}”：${[
          c.tasks && `${c.actionLines} 项行动、${c.tasks} 项任务`,
          c.targets && `${c.indicators} 个指标的 ${c.targets} 个目标值`,
        ]
          .filter(Boolean)
          .join('，')}。`;
        // The copy taken before the import makes it undoable (撤销本次导入).
        if (out.backup) offerUndo(out.backup.id, '撤销本次导入', done);
        else message.success(done);
        const kind = out.kind;
        if (out.newPlan && out.planId !== null) {
          // A plan was started: load it and make it the current one.
          await useAppStore.getState().boot();
          useAppStore.getState().setPlanId(out.planId);
        }
        reset();
        setPasted('');
        onClose();
        navigate(kind === 'targets' ? 'targets' : kind === 'goals' ? 'goals' : 'tasks');
      } else {
        setPreview(out);
        message.error('有错误，未导入任何数据。请按下方问题列表修改后再试。');
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const errors = preview?.problems.filter((p) => p.level === 'error').length ?? 0;
  const warnings = (preview?.problems.length ?? 0) - errors;

  return (
    <Drawer
      title="导入表格"
      open={open}
      onClose={onClose}
      size={1100}
      destroyOnHidden={false}
      extra={
        <Space>
          {source ? <Button onClick={reset}>重新选择</Button> : null}
          <Button
            type="primary"
            data-testid="import-commit"
            disabled={!preview || !preview.ok || !operator || busy !== null}
            loading={busy === 'commit'}
            onClick={() => void commit()}
          >
            确认导入
          </Button>
        </Space>
      }
    >
      <div data-testid="import-drawer">
        {error ? <Alert type="error" showIcon title="无法导入" description={error} className="tz-import-block" /> : null}
        {!source ? (
          <div className="tz-import-source">
            <Upload.Dragger
              accept=".xlsx,.csv,.txt,.xls,.docx,.doc,.wps"
              multiple={false}
              showUploadList={false}
              beforeUpload={(file) => {
                void takeFile(file);
                return false;
              }}
              data-testid="import-dragger"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击选择文件，或把文件拖到窗口中</p>
              <p className="ant-upload-hint">
                Excel 工作簿（.xlsx）、印发的通知（Word .docx；.doc/.wps 需本机装有 LibreOffice）、CSV（UTF-8 或 GBK）、文本；任务分解表、指导性任务分解表或工作目标，不超过 {IMPORT_MAX_LABEL}
              </p>
            </Upload.Dragger>
            <Typography.Title level={5} className="tz-import-or">
              或粘贴从文件中复制的表格
            </Typography.Title>
            <Input.TextArea
              data-testid="import-paste"
              rows={8}
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
              placeholder={'序号\t工作内容\t牵头单位\t责任单位\n(一) 科技创新区域优化布局行动\n1\t推进数字经济“一号发展工程”\t区发改委\t区发改委、青云谱镇'}
            />
            <Button
              className="tz-import-paste-btn"
              disabled={!pasted.trim()}
              onClick={() => {
                reset();
                setSource({ fileName: '粘贴的文字', text: pasted });
              }}
            >
              识别粘贴的内容
            </Button>
          </div>
        ) : null}
        {busy === 'reading' || (busy === 'preview' && !preview) ? (
          <div className="tz-loading" data-testid="loading">
            <Spin />
            <div className="tz-loading-text">正在读取和检查…</div>
          </div>
        ) : null}
        {source && preview ? (
          <Spin spinning={busy === 'preview'}>
            <div className="tz-import-summary" data-testid="import-summary">
              <b>{preview.fileName}</b>
              {preview.planTitle ? ` → ${preview.planTitle}` : ''}：{countsText(preview.counts)}；
              {errors ? <span className="tz-import-err">{errors} 个错误</span> : <span className="tz-import-good">没有错误</span>}
              {warnings ? `，${warnings} 个提醒` : ''}
            </div>
            <ImportOperator />
            <NoticeHeadBox preview={preview} />
            {preview.newPlan ? (
              <NewPlanBox
                proposal={preview.newPlan}
                yearMismatch={preview.yearMismatch}
                request={options.createPlan}
                onChange={(createPlan) => setOptions((o) => ({ ...o, createPlan }))}
              />
            ) : null}
            <ReplaceBox preview={preview} chosen={options.replace === true} onChoose={(replace) => setOptions((o) => ({ ...o, replace: replace || undefined }))} />
            <ProgressLossBox
              loss={preview.progressLoss}
              allowed={options.allowDeleteProgress === true}
              onAllow={(allow) => setOptions((o) => ({ ...o, allowDeleteProgress: allow || undefined }))}
            />
            <RewriteList rewrites={preview.rewrites} />
            {preview.sheets.length ? (
              <Tabs
                items={preview.sheets.map((s) => ({
                  key: s.name,
                  label: `${s.name}${s.included ? '' : '（不导入）'}`,
                  children: (
                    <SheetView
                      sheet={s}
                      onKind={(kind) => setSheet(s.name, { kind, orientation: undefined, columns: undefined, skip: false })}
                      onOrientation={(orientation) => setSheet(s.name, { kind: 'targets', orientation, columns: undefined, skip: false })}
                      onReading={(kind, orientation) => setSheet(s.name, { kind, orientation, columns: undefined, skip: false })}
                      onAutoReading={() => setSheet(s.name, { kind: undefined, orientation: undefined, columns: undefined, headerRow: undefined })}
                      onRole={(col, role) => setSheet(s.name, { columns: { ...options.sheets?.[s.name]?.columns, [String(col)]: role } })}
                      onSkip={(skip) => setSheet(s.name, { skip })}
                      onHeaderRow={(row) => setSheet(s.name, { headerRow: row ?? undefined, columns: undefined })}
                    />
                  ),
                }))}
              />
            ) : null}
            <Typography.Title level={5}>单位匹配</Typography.Title>
            <UnitMatches
              unknown={preview.unknownUnits}
              units={units}
              fixes={options.unitFixes ?? {}}
              onFix={setFix}
              aliasesUsed={preview.aliasesUsed}
              aliasesToRemember={preview.aliasesToRemember}
            />
            <Typography.Title level={5}>问题</Typography.Title>
            <ProblemList problems={preview.problems} sheets={preview.sheets} />
            <Typography.Title level={5}>与现有数据相比</Typography.Title>
            <DiffSummary diff={preview.diff} />
          </Spin>
        ) : null}
      </div>
    </Drawer>
  );
}
