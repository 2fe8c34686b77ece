/**
 * 设置 → 服务器 (a desktop PC connected to the bureau's server): the address,
 * this unit's 填报员 account, the password — kept encrypted by the system's
 * credential store where there is one, else asked at each sync, and the panel
 * says which —, 立即同步 with what it brought and sent, and a sync every few
 * minutes while the window is open (what is entered offline is sent once the
 * server is reachable).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Space, Switch, Tag, Typography } from 'antd';
import { CloudSyncOutlined } from '@ant-design/icons';
import type { SyncReport, SyncSettingsView } from '../../../shared/sync/views';
import { periodLabel } from '../../../shared/periods';
import { REVIEW_STATE_LABEL } from '../../../shared/review/states';
import { api, errorMessage } from '../api/transport';

const AUTO_MINUTES = 5;

function ReportView({ report }: { report: SyncReport }) {
  const items = [
    ...report.pulled.changes.map((c) => ({
      key: `c${c.label}${c.new}`,
      text: `${c.label}：${c.old !== null ? `${c.old} → ` : ''}${c.new ?? ''}${c.kept ? '（本机的值保留，待区里决定）' : ''}`,
      tag: c.kept ? <Tag color="orange">冲突</Tag> : <Tag color="blue">收到</Tag>,
    })),
    ...report.conflicts.map((c) => ({ key: `x${c.label}`, text: `${c.label}：本机 ${c.mine}，区里 ${c.theirs}，由区里决定`, tag: <Tag color="orange">冲突</Tag> })),
    ...report.refused.map((c) => ({ key: `r${c.label}`, text: `${c.label}：${c.message}`, tag: <Tag color="red">未接收</Tag> })),
    ...report.reviews.map((r) => ({
      key: `v${r.plan}${r.period}`,
      text: `${periodLabel(r.period)}的完成数：${REVIEW_STATE_LABEL[r.state]}${r.reason ? `（退回原因：${r.reason}）` : ''}`,
      tag: <Tag color={r.state === 'approved' ? 'green' : r.state === 'returned' ? 'red' : 'gold'}>审核</Tag>,
    })),
  ];
  return (
    <div data-testid="sync-report">
      <Alert type={report.ok ? (report.conflicts.length || report.refused.length ? 'warning' : 'success') : 'warning'} showIcon title={report.message} style={{ marginBottom: 8 }} />
      {items.length ? (
        <List size="small" bordered dataSource={items} renderItem={(i) => <List.Item key={i.key}>{i.tag}{i.text}</List.Item>} style={{ maxHeight: 260, overflow: 'auto' }} />
      ) : null}
    </div>
  );
}

export function ServerPanel() {
  const { message } = App.useApp();
  const [settings, setSettings] = useState<SyncSettingsView | null>(null);
  const [form] = Form.useForm<{ server: string; account: string; password?: string }>();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<SyncReport | null>(null);
  const [askPassword, setAskPassword] = useState('');
  const [auto, setAuto] = useState(true);
  const running = useRef(false);

  const load = useCallback(async () => {
    const s = await api.call('sync.settings', {});
    setSettings(s);
    form.setFieldsValue({ server: s.server ?? '', account: s.account ?? '' });
  }, [form]);
  useEffect(() => {
    load().catch(() => undefined);
  }, [load]);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const s = await api.call('sync.configure', { server: v.server, account: v.account, ...(v.password ? { password: v.password } : {}) });
      setSettings(s);
      form.setFieldsValue({ password: '' });
      message.success(v.password ? '已保存，密码已加密保存在本机' : '已保存');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const run = useCallback(
    async (quiet = false) => {
      if (running.current) return;
      running.current = true;
      setBusy(!quiet);
      try {
        const r = await api.call('sync.run', askPassword ? { password: askPassword } : {});
        setReport(r);
        await load();
      } catch (err) {
        if (!quiet) message.error(errorMessage(err));
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [askPassword, load, message],
  );

  // Sent when reachable: a quiet sync every few minutes while the window is open and a password is at hand.
  useEffect(() => {
    if (!auto || !settings?.server || !(settings.passwordStored || askPassword)) return;
    const timer = setInterval(() => void run(true), AUTO_MINUTES * 60_000);
    return () => clearInterval(timer);
  }, [auto, settings?.server, settings?.passwordStored, askPassword, run]);

  const storeIsSystem = settings?.secrets.kind === 'system';
  return (
    <Card className="tz-card" title="服务器（与区里同步）" variant="outlined" data-testid="server-panel">
      <Typography.Paragraph type="secondary">
        连接区里的科创台账服务器：下载本单位的工作要点、目标和任务，上传本机录入的完成数和任务进展（区里审核）。离线时照常录入，连上服务器后再发送，不会丢失。
      </Typography.Paragraph>
      <Form form={form} layout="horizontal" labelCol={{ flex: '120px' }} style={{ maxWidth: 640 }}>
        <Form.Item label="服务器地址" name="server" rules={[{ required: true, message: '请填写服务器地址' }]} extra="例如 http://10.1.2.3:4420，由区里提供">
          <Input data-testid="server-address" placeholder="http://10.1.2.3:4420" />
        </Form.Item>
        <Form.Item label="填报员账户" name="account" rules={[{ required: true, message: '请填写账户名' }]} extra="区里为本单位开设的填报员账户">
          <Input data-testid="server-account" placeholder="例如：洪都填报员" />
        </Form.Item>
        {storeIsSystem ? (
          <Form.Item label="密码" name="password" extra={settings?.passwordStored ? '已保存。留空则不改；填写新密码后保存即替换。' : '保存后加密存放在本机。'}>
            <Input.Password data-testid="server-password" autoComplete="new-password" placeholder={settings?.passwordStored ? '••••••（已保存）' : '账户密码'} />
          </Form.Item>
        ) : (
          <Form.Item label="本次同步密码" extra="不保存：只用于本次打开窗口期间的同步">
            <Input.Password data-testid="server-password-once" value={askPassword} onChange={(e) => setAskPassword(e.target.value)} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item label=" " colon={false}>
          <Space wrap>
            <Button onClick={() => void save()} disabled={busy} data-testid="server-save">
              保存
            </Button>
            <Button type="primary" icon={<CloudSyncOutlined />} loading={busy} onClick={() => void run()} disabled={!settings?.server} data-testid="server-sync">
              立即同步
            </Button>
            {storeIsSystem && settings?.passwordStored ? (
              <Button
                danger
                onClick={() => void api.call('sync.configure', { server: form.getFieldValue('server'), account: form.getFieldValue('account'), password: null }).then(setSettings)}
                data-testid="server-forget"
              >
                清除保存的密码
              </Button>
            ) : null}
            <span>
              <Switch size="small" checked={auto} onChange={setAuto} /> 每 {AUTO_MINUTES} 分钟自动同步
            </span>
          </Space>
        </Form.Item>
      </Form>
      {settings ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          styles={{ label: { width: 160 } }}
          style={{ marginBottom: 12 }}
          items={[
            { key: 'secret', label: '密码保存在', children: <span data-testid="server-secret-place">{settings.secrets.text}</span> },
            {
              key: 'links',
              label: '同步的工作要点',
              children: settings.links.length ? settings.links.map((l) => l.title).join('、') : '尚未同步（第一次同步时从服务器下载）',
            },
            {
              key: 'last',
              label: '上次同步',
              children: settings.last ? `${new Date(settings.last.at).toLocaleString('zh-CN')}：${settings.last.message}` : '从未同步',
            },
            { key: 'queued', label: '待发送', children: <span data-testid="server-queued">{settings.queued} 项</span> },
          ]}
        />
      ) : null}
      {report ? <ReportView report={report} /> : null}
    </Card>
  );
}
