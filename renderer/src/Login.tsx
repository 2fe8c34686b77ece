/**
 * The login page of `taizhang serve` (the intranet server). The page holds no
 * secret; the server decides (lockout after wrong passwords, disabled
 * accounts) and answers in Chinese, shown here as it is.
 */
import { useState } from 'react';
import { Alert, Button, ConfigProvider, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import zhCN from 'antd/locale/zh_CN';
import { appTheme } from './theme';
import { logIn } from './api/serverSession';
import { Brand } from './components/Brand';

export function Login({ notice }: { notice: string | null }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onFinish = async ({ name, password }: { name: string; password: string }) => {
    setBusy(true);
    setError(null);
    const refused = await logIn(name.trim(), password);
    setBusy(false);
    if (refused) setError(refused);
  };
  return (
    <ConfigProvider locale={zhCN} theme={appTheme} button={{ autoInsertSpace: false }}>
      <div className="tz-login" data-testid="login">
        <div className="tz-login-card">
          <Brand className="tz-login-brand" sub="科技创新目标任务管理 · 内网版" />
          <Typography.Title level={4} className="tz-login-title">
            登录
          </Typography.Title>
          {notice && !error ? <Alert type="info" showIcon message={notice} className="tz-mb" /> : null}
          {error ? <Alert type="error" showIcon message={error} className="tz-mb" data-testid="login-error" /> : null}
          <Form layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
            <Form.Item label="账户名" name="name" rules={[{ required: true, whitespace: true, message: '请填写账户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-name" />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              登录
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="tz-login-foot">
            账户由区科技局管理员开通。忘记密码或账户被锁定，请联系管理员重置。
          </Typography.Paragraph>
        </div>
      </div>
    </ConfigProvider>
  );
}
