/**
 * First run (issue 14): a new database opens empty; the window offers the
 * 青云谱区 2022 example (marked 示例 wherever it appears) or 新建台账 for one's
 * own unit, so a real bureau never has to delete the example — and whoever
 * already has the issued notice or tables can import them at once.
 */
import { useState } from 'react';
import { App, Button, Card, Col, Row, Typography } from 'antd';
import { FileSearchOutlined, ImportOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../api/transport';
import { useImportDrawer } from '../import/importDrawerStore';
import { useAppStore } from '../store/appStore';
import { useGuide } from './guideStore';
import { LedgerForm } from './LedgerForm';

export function FirstRun() {
  const { message } = App.useApp();
  const boot = useAppStore((s) => s.boot);
  const setPlanId = useAppStore((s) => s.setPlanId);
  const showImport = useImportDrawer((s) => s.show);
  const offerGuide = useGuide((s) => s.offer);
  const [loading, setLoading] = useState(false);

  const opened = async (planId: number) => {
    await boot();
    setPlanId(planId);
    offerGuide();
  };
  const openExample = async () => {
    setLoading(true);
    try {
      const { planId } = await api.call('example.load', {});
      await opened(planId);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className="tz-first-run" data-testid="first-run">
      <Typography.Title level={3}>欢迎使用科创台账</Typography.Title>
      <p className="tz-first-run-lead">台账里还没有数据。可以先打开示例看看一份真实的工作要点怎样管理，也可以直接为本单位新建台账。</p>
      <Row gutter={24}>
        <Col span={12}>
          <Card className="tz-card tz-first-card" title="打开示例（青云谱区 2022）" variant="outlined">
            <p>
              《2022年青云谱区科技创新基础大提升工作要点》（青政办发〔2022〕16号）：6 项工作目标、7 项重点行动 16 项任务、7 个街道镇集聚区的指导性任务分解。
            </p>
            <p className="tz-muted">示例处处标注“示例”，与您自己的台账并存，不会混在一起；不需要时可归档或删除。</p>
            <Button type="primary" icon={<FileSearchOutlined />} loading={loading} onClick={() => void openExample()} data-testid="open-example">
              打开示例
            </Button>
          </Card>
        </Col>
        <Col span={12}>
          <Card className="tz-card tz-first-card" title="新建台账" variant="outlined">
            <LedgerForm onDone={(planId) => void opened(planId)} />
          </Card>
        </Col>
      </Row>
      <p className="tz-mt">
        已有印发的通知（Word）或工作要点的表格（Excel、CSV 或粘贴文字）？
        <Button type="link" icon={<ImportOutlined />} onClick={() => showImport()} data-testid="first-run-import">
          直接导入通知或表格
        </Button>
      </p>
    </div>
  );
}
