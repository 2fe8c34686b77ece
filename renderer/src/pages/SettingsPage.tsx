import { Card, Descriptions, Typography } from 'antd';
import { formatNumber } from '../../../shared/numbers';
import { Page } from '../components/Page';
import { useAppStore } from '../store/appStore';
import { OperatorCard } from '../entry/Operator';
import { BackupPanel } from '../backup/BackupPanel';
import { UnitsPanel } from '../units/UnitsPanel';
import { UsersPanel } from '../accounts/UsersPanel';
import { useAccount } from '../api/serverSession';
import { ServerPanel } from '../sync/ServerPanel';

export function SettingsPage() {
  const info = useAppStore((s) => s.info);
  // At `taizhang serve` an admin keeps the accounts here; the operator is the account itself.
  const account = useAccount();
  return (
    <Page title="设置" subtitle={account ? '服务器的数据库、用户、单位与部门、备份与恢复。' : '本机数据库、单位与部门、操作员、备份与恢复。'} testId="page-settings">
      {info ? (
        <Card className="tz-card" title="数据与版本" variant="outlined">
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { width: 160 } }}
            items={[
              {
                key: 'db',
                label: '数据库文件',
                children: (
                  <Typography.Text copyable={{ text: info.dbPath, tooltips: ['复制路径', '已复制'] }} className="tz-path">
                    {info.dbPath}
                  </Typography.Text>
                ),
              },
              { key: 'schema', label: '数据库结构版本', children: formatNumber(info.schemaVersion, 0) },
              { key: 'app', label: '程序版本', children: `${info.appName} ${info.appVersion}` },
              {
                key: 'counts',
                label: '数据规模',
                children: `工作要点 ${formatNumber(info.counts.plans, 0)} 份，单位 ${formatNumber(info.counts.units, 0)} 个，部门 ${formatNumber(info.counts.departments, 0)} 个，指标 ${formatNumber(info.counts.indicators, 0)} 项，任务 ${formatNumber(info.counts.tasks, 0)} 项，完成数 ${formatNumber(info.counts.figures, 0)} 条`,
              },
            ]}
          />
        </Card>
      ) : null}
      {account ? (
        <div className="tz-mt">
          <UsersPanel />
        </div>
      ) : (
        <>
          <div className="tz-mt">
            <OperatorCard />
          </div>
          <div className="tz-mt">
            <ServerPanel />
          </div>
        </>
      )}
      <div className="tz-mt">
        <UnitsPanel />
      </div>
      <div className="tz-mt">
        <BackupPanel />
      </div>
    </Page>
  );
}
