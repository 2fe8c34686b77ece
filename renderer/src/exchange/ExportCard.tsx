/**
 * 下发：导出填报表 / 数据包 for every chosen sub-unit in one step. In a browser the whole set is
 * one .zip download named by plan and period; in the desktop app the shell asks for one folder
 * and the core writes the set into a new folder there. A progress bar follows the core's
 * `job.progress` events, and the list of what was written stays on the card.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Progress, Select, Space, Table } from 'antd';
import { DownloadOutlined, FolderOpenOutlined } from '@ant-design/icons';
import type { ExportedEntry } from '../../../shared/api/methods/exchange';
import type { JobProgress } from '../../../shared/api/methods/summary';
import type { UnitRef } from '../../../shared/model/units';
import { periodLabel } from '../../../shared/periods';
import { api, errorMessage } from '../api/transport';
import { downloadBase64 } from '../reports/downloadFile';

type Format = 'xlsx' | 'package';
const FORMAT_LABEL: Record<Format, string> = { xlsx: '填报表（Excel）', package: '数据包（台账）' };

/** Inside the desktop window the preload bridge is there: the set goes into a folder instead of a download. */
const isDesktop = () => typeof window !== 'undefined' && window.taizhang !== undefined;

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

let jobCount = 0;

export function ExportCard({ planId, period, subUnits }: { planId: number; period: string; subUnits: UnitRef[] }) {
  const { message } = AntApp.useApp();
  const [unitIds, setUnitIds] = useState<number[]>([]);
  const [formats, setFormats] = useState<Format[]>(['xlsx']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [written, setWritten] = useState<{ where: string; files: ExportedEntry[] } | null>(null);
  const jobRef = useRef<string | null>(null);
  useEffect(() => setUnitIds(subUnits.map((u) => u.id)), [subUnits]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the list of what was written belongs to the period and plan that wrote it
  useEffect(() => setWritten(null), [period, planId]);
  // Subscribed while the card is shown, so the event stream is open before a job starts.
  useEffect(
    () =>
      api.on('job.progress', (p) => {
        if (p.jobId !== jobRef.current) return;
        setProgress((prev) => (prev && prev.done > p.done ? prev : p));
      }),
    [],
  );

  const desktop = isDesktop();
  const run = async () => {
    const jobId = `exchange-export-${Date.now()}-${++jobCount}`;
    jobRef.current = jobId;
    setBusy(true);
    setError(null);
    setWritten(null);
    setProgress({ jobId, kind: 'exchange.export', stage: '正在准备', done: 0, total: unitIds.length * formats.length });
    const request = { planId, period, unitIds, formats, jobId };
    try {
      if (desktop) {
        // The shell shows its folder dialog and fills in the folder; the page never names one.
        const out = await api.call('exchange.exportToFolder', { ...request, dir: '.' });
        if (out.folder) {
          setWritten({ where: out.folder, files: out.files });
          message.success(`已导出 ${out.files.length} 个文件到文件夹“${out.folder}”`);
        } else setProgress(null);
      } else {
        const zip = await api.call('exchange.exportZip', request);
        downloadBase64(zip.base64, zip.fileName, zip.mimeType);
        setWritten({ where: zip.fileName, files: zip.files });
        message.success(`已导出 ${zip.files.length} 个文件，打包为“${zip.fileName}”`);
      }
    } catch (e) {
      setError(errorMessage(e));
      setProgress(null);
    } finally {
      setBusy(false);
      jobRef.current = null;
    }
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Card size="small" title="下发：导出填报表" data-testid="exchange-export">
      <p className="tz-muted tz-exchange-help">
        每个下级单位一个文件，只含该单位的目标和本期需填的单元格（其余受保护），附填报说明和隐藏的识别信息。Excel/WPS
        用户发“填报表”，使用台账的单位发“数据包”。
        {desktop ? '点“导出”后选择一个位置，所有文件写入其中新建的文件夹。' : '所有文件打包为一个压缩包（.zip）下载。'}
      </p>
      <Space wrap>
        <Select
          mode="multiple"
          style={{ minWidth: 360 }}
          value={unitIds}
          onChange={setUnitIds}
          maxTagCount="responsive"
          placeholder="选择下级单位"
          options={subUnits.map((u) => ({ value: u.id, label: u.name }))}
          data-testid="exchange-units"
        />
        <Checkbox.Group
          value={formats}
          onChange={(v) => setFormats(v as Format[])}
          options={(Object.keys(FORMAT_LABEL) as Format[]).map((f) => ({ value: f, label: FORMAT_LABEL[f] }))}
          data-testid="exchange-formats"
        />
        <Button
          type="primary"
          icon={desktop ? <FolderOpenOutlined /> : <DownloadOutlined />}
          loading={busy}
          disabled={unitIds.length === 0 || formats.length === 0}
          onClick={run}
          data-testid="exchange-export-run"
        >
          {desktop ? '导出到文件夹' : '导出压缩包'}：{periodLabel(period)}（{unitIds.length} 个单位，{unitIds.length * formats.length} 个文件）
        </Button>
      </Space>
      {progress ? (
        <div className="tz-exchange-progress" data-testid="exchange-export-progress">
          <Progress percent={percent} size="small" status={busy ? 'active' : 'success'} />
          <span className="tz-muted">
            {busy ? `${progress.stage}（${progress.done}/${progress.total}）` : `已完成 ${progress.total} 个文件`}
          </span>
        </div>
      ) : null}
      {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} data-testid="exchange-export-error" /> : null}
      {written ? (
        <div className="tz-exchange-written" data-testid="exchange-export-written">
          <div className="tz-exchange-written-head">
            {desktop ? '已写入文件夹：' : '已下载压缩包：'}
            <b>{written.where}</b>
          </div>
          <Table<ExportedEntry>
            size="small"
            className="tz-table"
            pagination={false}
            rowKey="fileName"
            dataSource={written.files}
            columns={[
              { title: '文件', dataIndex: 'fileName' },
              { title: '单位', dataIndex: 'unitName', width: 160 },
              { title: '类型', key: 'format', width: 120, render: (_, f) => (f.format === 'xlsx' ? '填报表' : '数据包') },
              { title: '大小', key: 'size', width: 90, align: 'right', render: (_, f) => sizeText(f.byteLength) },
            ]}
          />
        </div>
      ) : null}
    </Card>
  );
}
