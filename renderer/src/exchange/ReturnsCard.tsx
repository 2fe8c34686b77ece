/**
 * 载入回报: several files at once (chosen or dropped), each reviewed by the
 * core; the user ticks per cell, accepts per unit (one file) or all files at
 * once. Every accept is one transaction in the core; afterwards the files are
 * reviewed again, so what was taken disappears from the lists.
 */
import { useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Space, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../api/transport';
import { fileToBase64 } from '../import/readFile';
import { ReviewCard } from './ReviewCard';
import { acceptedCells, useReturns, type LoadedReturn } from './returnsStore';
import { useUndo } from '../backup/useUndo';

export function ReturnsCard({ planId }: { planId: number }) {
  const { message } = AntApp.useApp();
  const { offer } = useUndo();
  const store = useReturns();
  const files = store.planId === planId ? store.files : [];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<File[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const review = async (batch: { fileName: string; dataBase64: string }[], keepSelection = false) => {
    const { reviews } = await api.call('exchange.review', { planId, files: batch });
    useReturns.getState().put(planId, batch.map((f, i) => ({ ...f, review: reviews[i] })), keepSelection);
  };

  // Upload calls beforeUpload once per file; gather one drop into one request.
  const take = (file: File) => {
    pending.current.push(file);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const batch = pending.current;
      pending.current = [];
      setBusy(true);
      setError(null);
      try {
        await review(await Promise.all(batch.map(async (f) => ({ fileName: f.name, dataBase64: await fileToBase64(f) }))));
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setBusy(false);
      }
    }, 50);
  };

  const accept = async (which: LoadedReturn[]) => {
    const chosen = which.map((f) => ({ fileName: f.fileName, dataBase64: f.dataBase64, accept: acceptedCells(f) })).filter((f) => f.accept.length > 0);
    if (chosen.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('exchange.apply', { planId, files: chosen });
      const done = `已导入 ${result.figures} 个完成数、${result.progress} 项任务进展（来源记为文件名，可在修改记录中查看）`;
      if (result.backup) offer(result.backup.id, '撤销本次载入', done);
      else message.success(done);
      await review(files.map((f) => ({ fileName: f.fileName, dataBase64: f.dataBase64 })), true);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const selectedTotal = files.reduce((n, f) => n + (f.review.refusal ? 0 : f.selected.length), 0);
  return (
    <Card
      size="small"
      title="回收：载入回报"
      data-testid="exchange-returns"
      extra={
        files.length ? (
          <Space>
            <Button type="primary" disabled={busy || selectedTotal === 0} onClick={() => accept(files.filter((f) => !f.review.refusal))} data-testid="exchange-accept-all">
              全部导入所选（{selectedTotal}）
            </Button>
            <Button onClick={() => store.clear()}>清空</Button>
          </Space>
        ) : null
      }
    >
      <Upload.Dragger
        accept=".xlsx,.tzpkg,.json"
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          take(file);
          return false;
        }}
        disabled={busy}
        data-testid="exchange-dragger"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">把下级单位发回的填报表（.xlsx）或回报数据包（.tzpkg）拖到这里，可一次多个</p>
        <p className="ant-upload-hint">先审核：显示每个文件的单位、报告期、新增和修改（原值 → 新值）及冲突；确认后才写入。</p>
      </Upload.Dragger>
      {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} data-testid="exchange-error" /> : null}
      <div className="tz-exchange-reviews">
        {files.map((f) => (
          <ReviewCard
            key={f.fileName}
            file={f}
            busy={busy}
            onSelect={(keys) => store.select(f.fileName, keys)}
            onAccept={() => accept([f])}
            onRemove={() => store.remove(f.fileName)}
          />
        ))}
      </div>
    </Card>
  );
}
