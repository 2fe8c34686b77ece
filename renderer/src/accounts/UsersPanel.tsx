/**
 * 设置 → 用户 (taizhang serve, 管理员 only): the accounts, new ones, 停用/启用,
 * 重置密码, role and unit, and the security record (安全记录). The rules —
 * an entry account bound to a reporting unit, the last admin kept, scrypt
 * hashes, lockouts — are the core's (electron/core/accounts/).
 */
import { useState } from 'react';
import dayjs from 'dayjs';
import { App, Button, Card, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { ACCOUNT_ACTION_LABEL, PASSWORD_MIN, ROLE_LABEL, type AccountView, type Role } from '../../../shared/accounts/roles';
import { api, errorMessage } from '../api/transport';
import { useApiResource } from '../entry/useApiResource';
import { usePlanUnits } from '../reports/usePlanUnits';
import { useCurrentPlan } from '../store/appStore';

const time = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
const ROLE_HINT: Record<Role, string> = {
  admin: '区里：全部功能，含审核和用户管理',
  entry: '街道、镇、集聚区：只填报本单位的完成数和任务进展',
  viewer: '领导：查看概览和导出报表，不能修改',
};

interface NewAccount {
  name: string;
  role: Role;
  unitId?: number;
  password: string;
}

export function UsersPanel() {
  const { message, modal } = App.useApp();
  const users = useApiResource('users.list', {});
  const events = useApiResource('users.events', { limit: 200 });
  const plan = useCurrentPlan();
  const { subs } = usePlanUnits(plan);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<AccountView | null>(null);
  const [recordOpen, setRecordOpen] = useState(false);
  const [form] = Form.useForm<NewAccount>();
  const role = Form.useWatch('role', form);

  const run = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      message.success(done);
      users.reload();
      events.reload();
      return true;
    } catch (e) {
      message.error(errorMessage(e));
      return false;
    }
  };

  const add = async () => {
    const v = await form.validateFields();
    const ok = await run(() => api.call('users.add', { name: v.name, role: v.role, unitId: v.role === 'entry' ? (v.unitId ?? null) : null, password: v.password }), `已新建账户“${v.name}”。`);
    if (ok) {
      setAdding(false);
      form.resetFields();
    }
  };

  return (
    <Card
      className="tz-card"
      title="用户"
      variant="outlined"
      data-testid="users-panel"
      extra={
        <Space>
          <Button onClick={() => setRecordOpen(true)}>安全记录</Button>
          <Button type="primary" onClick={() => setAdding(true)} data-testid="user-add">
            新建账户
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        管理员：全部功能；填报员：绑定一个街道、镇或集聚区，只填报本单位的数据，提交后由区里审核；查看：领导查看和导出，不能修改。密码连续输错 5 次锁定 15 分钟，重置密码即解锁。
      </Typography.Paragraph>
      {users.error ? <Typography.Text type="danger">{users.error}</Typography.Text> : null}
      <Table<AccountView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={users.data?.users ?? []}
        columns={[
          { title: '账户名', dataIndex: 'name' },
          { title: '角色', render: (_, u) => ROLE_LABEL[u.role] },
          { title: '填报单位', render: (_, u) => u.unitName ?? '—' },
          {
            title: '状态',
            render: (_, u) =>
              u.disabled ? <Tag>已停用</Tag> : u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs()) ? <Tag color="red">锁定至 {time(u.lockedUntil)}</Tag> : <Tag color="green">可用</Tag>,
          },
          { title: '最近登录', render: (_, u) => time(u.lastLoginAt) },
          {
            title: '操作',
            render: (_, u) => (
              <Space size={4}>
                <Button size="small" onClick={() => setResetting(u)}>
                  重置密码
                </Button>
                <Button
                  size="small"
                  danger={!u.disabled}
                  onClick={() =>
                    u.disabled
                      ? void run(() => api.call('users.disable', { id: u.id, disabled: false }), `已启用“${u.name}”。`)
                      : modal.confirm({
                          title: `停用账户“${u.name}”？`,
                          content: '停用后不能再登录，已登录的会话立即失效；它录入的数据和记录都保留。',
                          okText: '停用',
                          okButtonProps: { danger: true },
                          cancelText: '取消',
                          onOk: () => run(() => api.call('users.disable', { id: u.id, disabled: true }), `已停用“${u.name}”。`),
                        })
                  }
                >
                  {u.disabled ? '启用' : '停用'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={adding} title="新建账户" okText="新建" cancelText="取消" onOk={() => void add()} onCancel={() => setAdding(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ role: 'entry' }} requiredMark={false}>
          <Form.Item name="name" label="账户名" rules={[{ required: true, whitespace: true, message: '请填写账户名' }]}>
            <Input maxLength={40} placeholder="例如：洪都街道-张敏" data-testid="user-name" />
          </Form.Item>
          <Form.Item name="role" label="角色" extra={role ? ROLE_HINT[role] : undefined}>
            <Select options={(['admin', 'entry', 'viewer'] as Role[]).map((r) => ({ value: r, label: ROLE_LABEL[r] }))} />
          </Form.Item>
          {role === 'entry' ? (
            <Form.Item name="unitId" label="填报单位" rules={[{ required: true, message: '填报员需要绑定所填报的单位' }]}>
              <Select options={subs.map((u) => ({ value: u.id, label: u.name }))} placeholder="选择街道、镇或集聚区" />
            </Form.Item>
          ) : null}
          <Form.Item name="password" label="初始密码" rules={[{ required: true, min: PASSWORD_MIN, message: `密码至少${PASSWORD_MIN}位` }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
      <ResetPassword user={resetting} onClose={() => setResetting(null)} onDone={(u) => void run(async () => u, `已重置“${u.name}”的密码。`)} />
      <Drawer open={recordOpen} onClose={() => setRecordOpen(false)} title="安全记录（最近 200 条）" width={640}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={events.data?.events ?? []}
          columns={[
            { title: '时间', render: (_, e) => time(e.at), width: 130 },
            { title: '账户', dataIndex: 'userName', width: 110 },
            { title: '事件', render: (_, e) => ACCOUNT_ACTION_LABEL[e.action], width: 110 },
            { title: '说明', render: (_, e) => [e.detail, e.by ? `操作人 ${e.by}` : null, e.from ? `来自 ${e.from}` : null].filter(Boolean).join('；') },
          ]}
        />
      </Drawer>
    </Card>
  );
}

function ResetPassword({ user, onClose, onDone }: { user: AccountView | null; onClose(): void; onDone(u: AccountView): void }) {
  const { message } = App.useApp();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!user) return;
    setBusy(true);
    try {
      const after = await api.call('users.setPassword', { id: user.id, password });
      setPassword('');
      onClose();
      onDone(after);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={user != null} title={user ? `重置“${user.name}”的密码` : ''} okText="重置" cancelText="取消" okButtonProps={{ disabled: password.length < PASSWORD_MIN, loading: busy }} onOk={() => void save()} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">重置后该账户已登录的会话失效，锁定随之解除。请把新密码当面或电话告知本人。</Typography.Paragraph>
      <Input.Password value={password} onChange={(e) => setPassword(e.target.value)} placeholder={`至少${PASSWORD_MIN}位`} autoComplete="new-password" />
    </Modal>
  );
}
