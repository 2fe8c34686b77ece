/**
 * What a browser tab shows without a session of the web host: opened
 * without the printed address's token, or after `npm run web` restarted.
 * The page holds no secret, so this is all anyone without the token sees.
 */
import { ConfigProvider, Result, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { appTheme } from './theme';

export function NoSession() {
  return (
    <ConfigProvider locale={zhCN} theme={appTheme}>
      <div className="tz-no-session" data-testid="no-session">
        <Result
          status="403"
          title="请使用启动时显示的地址打开科创台账"
          subTitle={
            <div style={{ maxWidth: 560, margin: '0 auto', lineHeight: 1.8 }}>
              <Typography.Paragraph>
                为保护数据，网页版只接受带访问令牌的地址（形如 http://127.0.0.1:4410/?token=…）。请回到运行
                <Typography.Text code>npm run web</Typography.Text>
                的窗口，复制其中显示的完整地址，在浏览器中打开。
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary">
                服务重新启动后，以前打开的页面也需要用新显示的地址重新打开。
              </Typography.Paragraph>
            </div>
          }
        />
      </div>
    </ConfigProvider>
  );
}
