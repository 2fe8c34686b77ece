/**
 * The logged-in account in the header (taizhang serve only): name, role and
 * unit, 修改密码 (the old one first; every session of the account ends, this
 * one too) and 退出登录.
 */
import { useState } from 'react';
import { App, Button, Dropdown, Input, Modal, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { PASSWORD_MIN, ROLE_LABEL } from '../../../shared/accounts/roles';
import { api, errorMessage } from '../api/transport';
import { logOut, serverSessionLost, type ServerAccount } from '../api/serverSession';

export function AccountMenu({ account }: { account: ServerAccount }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [busy, setBusy] = useState(false);
  const change = async () => {
    setBusy(true);
    try {
      await api.call('account.changePassword', { oldPassword, newPassword });
      setOpen(false);
      serverSessionLost('密码已修改，请用新密码重新登录。');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="tz-header-account" data-testid="account-menu">
      <Tag color={account.role === 'admin' ? 'blue' : account.role === 'entry' ? 'gold' : 'default'}>
        {ROLE_LABEL[account.role]}
        {account.unitName ? ` · ${account.unitName}` : ''}
      </Tag>
      <Dropdown
        menu={{
          items: [
            { key: 'password', label: '修改密码' },
            { key: 'logout', label: '退出登录' },
          ],
          onClick: ({ key }) => (key === 'logout' ? void logOut().then(() => window.location.reload()) : setOpen(true)),
        }}
      >
        <Button icon={<UserOutlined />} data-testid="account-name">
          {account.name}
        </Button>
      </Dropdown>
      <Modal open={open} title="修改密码" okText="修改" cancelText="取消" okButtonProps={{ disabled: !oldPassword || newPassword.length < PASSWORD_MIN, loading: busy }} onOk={() => void change()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Typography.Paragraph type="secondary">修改后，本账户所有已登录的页面都需要用新密码重新登录。</Typography.Paragraph>
        <Input.Password className="tz-mb" placeholder="原密码" value={oldPassword} onChange={(e) => setOld(e.target.value)} autoComplete="current-password" />
        <Input.Password placeholder={`新密码（至少${PASSWORD_MIN}位）`} value={newPassword} onChange={(e) => setNew(e.target.value)} autoComplete="new-password" />
      </Modal>
    </div>
  );
}
