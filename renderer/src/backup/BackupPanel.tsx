/**
 * 设置 → 备份与恢复: the copies of this database (newest first, with why, size
 * and what they held), 立即备份, 恢复 with what it would take away listed
 * first, 撤销 of an import or a return apply, 从文件恢复 for a copy brought on
 * a USB stick, and the optional second folder.
 */
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Input, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { CloudUploadOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { BackupEntry, BackupList } from '../../../shared/backup/types';
import { formatNumber } from '../../../shared/numbers';
import { isPostgresUrl } from '../../../shared/storeUrl';
import { api, errorMessage } from '../api/transport';
import { fileToBase64 } from '../import/readFile';
import { confirmImpact } from './confirmRestore';
import { useUndo } from './useUndo';

const KIND_LABEL: Record<BackupEntry['kind'], string> = { operation: '操作前', daily: '每日', manual: '手动' };
const KIND_COLOR: Record<BackupEntry['kind'], string> = { operation: 'orange', daily: 'blue', manual: 'green' };
/** Operations the window can undo by restoring the copy taken before them. */
const UNDO_LABEL: Partial<Record<NonNullable<BackupEntry['operation']>, string>> = {
  import: '撤销导入',
  'exchange.apply': '撤销载入回报',
  'exchange.openPackage': '撤销打开数据包',
  'exchange.receive': '撤销接收上级下达',
  restore: '撤销恢复',
  undo: '取消撤销',
  'plan.edit': '撤销删除',
};

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${formatNumber(bytes / 1024, 0)} KB` : `${formatNumber(bytes / 1024 / 1024, 1)} MB`);

export function BackupPanel() {
  const { message, modal } = App.useApp();
  const { offer, undo } = useUndo();
  const [list, setList] = useState<BackupList | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [mirror, setMirror] = useState('');

  const load = useCallback(async () => {
    try {
      const l = await api.call('backup.list', {});
      setList(l);
      setMirror(l.mirrorDir ?? '');
    } catch (e) {
      message.error(errorMessage(e));
    }
  }, [message]);

  useEffect(() => {
    void load();
    return api.on('data.changed', () => void load());
  }, [load]);

  const run = async (key: string, fn: () => Promise<void>) => {
    setBusy(key);
    try {
      await fn();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
      void load();
    }
  };

  const backupNow = () =>
    run('create', async () => {
      const entry = await api.call('backup.create', {});
      message.success(`已备份（${size(entry.bytes)}）。`);
    });

  const restore = (entry: BackupEntry) =>
    run(`restore-${entry.id}`, async () => {
      const impact = await api.call('backup.inspect', { id: entry.id });
      const when = dayjs(entry.createdAt).format('YYYY-MM-DD HH:mm');
      const ok = await confirmImpact(modal, `恢复到 ${when} 的备份（${entry.reason}）？`, impact, '恢复');
      if (!ok) return;
      const result = await api.call('backup.restore', { id: entry.id, confirm: true });
      if (result.before) offer(result.before.id, '撤销恢复', `已恢复到 ${when} 的备份。`);
      else message.success(`已恢复到 ${when} 的备份。`);
    });

  const fromFile = (file: File) =>
    run('file', async () => {
      const entry = await api.call('backup.addFile', { fileName: file.name, dataBase64: await fileToBase64(file) });
      await load();
      await restore(entry);
    });

  const saveMirror = (dir: string | null) =>
    run('mirror', async () => {
      const r = await api.call('backup.setMirror', { dir });
      message.success(r.mirrorDir ? `以后每份备份也会复制到“${r.mirrorDir}”。` : '已取消第二备份位置。');
    });

  return (
    <Card
      className="tz-card"
      title="备份与恢复"
      variant="outlined"
      data-testid="backup-panel"
      extra={
        <Space>
          <Button type="primary" icon={<SaveOutlined />} loading={busy === 'create'} onClick={() => void backupNow()} data-testid="backup-now">
            立即备份
          </Button>
          <Upload
            // A store's own kind of copy: a file's SQLite copies, or a PostgreSQL store's pg_dump copies (taizhang serve).
            accept={list && isPostgresUrl(list.dbPath) ? '.dump' : '.db,.sqlite,.bak'}
            showUploadList={false}
            beforeUpload={(file) => {
              void fromFile(file);
              return false;
            }}
          >
            <Button icon={<CloudUploadOutlined />} loading={busy === 'file'} data-testid="backup-from-file">
              从文件恢复
            </Button>
          </Upload>
        </Space>
      }
    >
      <Typography.Paragraph className="tz-muted">
        导入、载入回报、恢复和升级之前都会自动备份，每天第一次打开时也会备份一次。
        {list ? (
          <>
            备份保存在
            <Typography.Text copyable={{ text: list.dir, tooltips: ['复制路径', '已复制'] }} className="tz-path">
              {list.dir}
            </Typography.Text>
            。
          </>
        ) : null}
      </Typography.Paragraph>
      <Space.Compact style={{ width: '100%', maxWidth: 720, marginBottom: 12 }}>
        <Input
          addonBefore="第二备份位置"
          placeholder="可选：U 盘或网络共享文件夹，例如 E:\台账备份"
          value={mirror}
          onChange={(e) => setMirror(e.target.value)}
          data-testid="backup-mirror-input"
        />
        <Button loading={busy === 'mirror'} onClick={() => void saveMirror(mirror.trim() || null)}>
          保存
        </Button>
      </Space.Compact>
      <Table<BackupEntry>
        size="small"
        rowKey="id"
        loading={!list}
        dataSource={list?.backups ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: '还没有备份。点击“立即备份”可马上备份一次。' }}
        columns={[
          {
            title: '时间',
            key: 'at',
            width: 150,
            render: (_, b) => dayjs(b.createdAt).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: '原因',
            key: 'reason',
            render: (_, b) => (
              <span>
                <Tag color={KIND_COLOR[b.kind]}>{KIND_LABEL[b.kind]}</Tag>
                {b.reason}
              </span>
            ),
          },
          { title: '操作人', key: 'by', width: 90, render: (_, b) => b.by ?? <span className="tz-muted">—</span> },
          {
            title: '当时的数据',
            key: 'counts',
            width: 230,
            render: (_, b) => (
              <span className="tz-nowrap">
                要点 {b.counts.plans}｜单位 {b.counts.units}｜任务 {b.counts.tasks}｜完成数 {b.counts.figures}
              </span>
            ),
          },
          { title: '大小', key: 'bytes', width: 80, align: 'right', render: (_, b) => size(b.bytes) },
          ...(list?.mirrorDir
            ? [
                {
                  title: '第二位置',
                  key: 'mirror',
                  width: 80,
                  render: (_: unknown, b: BackupEntry) =>
                    b.mirror && 'file' in b.mirror ? <Tag color="green">已复制</Tag> : <Tooltip title="U 盘未插入或复制失败">—</Tooltip>,
                },
              ]
            : []),
          {
            title: '操作',
            key: 'actions',
            width: 190,
            render: (_, b) => {
              const undoLabel = b.kind === 'operation' && b.after && b.operation ? UNDO_LABEL[b.operation] : undefined;
              return (
                <Space size={4}>
                  <Button size="small" loading={busy === `restore-${b.id}`} onClick={() => void restore(b)} data-testid={`backup-restore-${b.id}`}>
                    恢复
                  </Button>
                  {undoLabel ? (
                    <Button size="small" type="link" onClick={() => void run(`undo-${b.id}`, async () => void (await undo(b.id, undoLabel)))}>
                      {undoLabel}
                    </Button>
                  ) : null}
                </Space>
              );
            },
          },
        ]}
      />
    </Card>
  );
}
