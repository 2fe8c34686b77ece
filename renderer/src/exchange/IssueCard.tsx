/**
 * 上级下达 (on the 数据交换 page): plans that flow between levels.
 *
 * - A plan whose unit is a city (南昌市): 下达计划 — one plan package per
 *   sub-unit (its goals, its own targets, the tasks that name it).
 * - Any plan: 接收上级数据包 — a package from above, previewed first (what is
 *   linked to which of our indicators, new ones, where our own target differs
 *   — kept unless 采用下达目标 is ticked), then received after a backup.
 * - A plan that received one: the issued targets beside our own and our split
 *   among our sub-units (合计校验 against the issued value), the versions and
 *   what the last one changed, and 上报上级 for the period.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Descriptions, Modal, Select, Space, Table, Tag, Upload } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { IssueItem, IssueReceipt, IssuedTargetRow } from '../../../shared/exchange/issue';
import { ISSUE_ITEM_LABEL } from '../../../shared/exchange/issue';
import type { PlanUnitEntry } from '../../../shared/api/views';
import { formatNumber } from '../../../shared/numbers';
import { periodLabel } from '../../../shared/periods';
import { api, errorMessage } from '../api/transport';
import { fileToBase64 } from '../import/readFile';
import { downloadBase64 } from '../reports/downloadFile';
import { useApiResource } from '../entry/useApiResource';
import { useOperatorGate } from '../edit/useOperatorGate';
import { useAppStore } from '../store/appStore';

const num = (v: number | null, max?: number | null, unit = '') => (v === null ? '—' : `${formatNumber(v)}${max != null ? `-${formatNumber(max)}` : ''}${unit}`);

/** The preview of a package from above, and its 接收. Shared by this card and 打开数据包. */
export function useReceive(onDone?: (r: IssueReceipt) => void) {
  const { message } = AntApp.useApp();
  const { ensure, gate } = useOperatorGate();
  const [pending, setPending] = useState<{ file: File; receipt: IssueReceipt } | null>(null);
  const [adopt, setAdopt] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const preview = async (file: File, opts: { adopt?: boolean } = {}) => {
    setError(null);
    setBusy(true);
    try {
      const receipt = await api.call('exchange.receive', { fileName: file.name, dataBase64: await fileToBase64(file), commit: false, adopt: opts.adopt ?? false });
      setAdopt(opts.adopt ?? false);
      // A district's package to its street is opened as a plan by the caller (打开数据包), not here.
      if (receipt.mode !== 'package') setPending({ file, receipt });
      return receipt;
    } catch (e) {
      setError(errorMessage(e));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!pending || !(await ensure())) return;
    setBusy(true);
    try {
      const r = await api.call('exchange.receive', { fileName: pending.file.name, dataBase64: await fileToBase64(pending.file), commit: true, adopt });
      setPending(null);
      if (r.refusal) {
        setError(r.refusal);
        return;
      }
      await useAppStore.getState().boot();
      if (r.planId) useAppStore.getState().setPlanId(r.planId);
      message.success(r.alreadyReceived ? `该数据包已接收过（第${r.version}版）` : `已接收${r.upperUnitName}下达的计划（第${r.version}版），已${r.created ? '新建' : '承接到'}“${r.planTitle}”`);
      onDone?.(r);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const modal = (
    <>
      {gate}
      <Modal
        open={pending !== null}
        width={980}
        title={pending ? `接收上级下达：${pending.file.name}` : ''}
        okText={pending?.receipt.refusal ? '关闭' : pending?.receipt.alreadyReceived ? '切换到该工作要点' : '确认接收'}
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setPending(null)}
        onOk={() => {
          if (!pending || pending.receipt.refusal) return setPending(null);
          if (pending.receipt.alreadyReceived && pending.receipt.planId) {
            useAppStore.getState().setPlanId(pending.receipt.planId);
            return setPending(null);
          }
          void commit();
        }}
        okButtonProps={{ 'data-testid': 'issue-receive-ok' } as Record<`data-${string}`, string>}
      >
        {pending ? <ReceiptView receipt={pending.receipt} adopt={adopt} onAdopt={(v) => void preview(pending.file, { adopt: v })} /> : null}
      </Modal>
    </>
  );
  return { preview, modal, busy, error, setError };
}

function ReceiptView({ receipt: r, adopt, onAdopt }: { receipt: IssueReceipt; adopt: boolean; onAdopt: (v: boolean) => void }) {
  if (r.refusal) return <Alert type="error" showIcon title="不能接收" description={r.refusal} data-testid="issue-refusal" />;
  if (r.alreadyReceived) return <Alert type="info" showIcon title={`该数据包已接收过（第${r.version}版，“${r.planTitle}”），无需重复接收。`} />;
  const differing = r.items.filter((i) => i.kind === 'different').length;
  return (
    <div data-testid="issue-preview">
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="下达单位">{r.upperUnitName}</Descriptions.Item>
        <Descriptions.Item label="上级计划">{r.upperPlanTitle}</Descriptions.Item>
        <Descriptions.Item label="接收单位">{r.unitName}</Descriptions.Item>
        <Descriptions.Item label="版本">
          第{r.version}版{r.previousVersion ? `（替代第${r.previousVersion}版，差异见下表）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={r.created ? '将新建' : '承接到'} span={2}>
          {r.planTitle}
          {r.sampleTargets ? <Tag color="orange" style={{ marginLeft: 8 }}>示例数据</Tag> : null}
        </Descriptions.Item>
      </Descriptions>
      <Table<IssueItem>
        size="small"
        pagination={false}
        rowKey="upperIndicatorId"
        dataSource={r.items}
        rowClassName={(i) => (i.kind === 'different' && !i.taken ? 'tz-exchange-conflict' : '')}
        columns={[
          { title: '下达指标', dataIndex: 'name' },
          { title: '下达目标', render: (_, i) => num(i.issued, i.issuedMax, i.measureUnit) },
          ...(r.previousVersion ? [{ title: '上一版', render: (_: unknown, i: IssueItem) => num(i.previousIssued) }] : []),
          { title: '本级现有目标', render: (_, i) => num(i.local, i.localMax, i.local === null ? '' : i.measureUnit) },
          {
            title: '对应本级指标',
            render: (_, i) =>
              i.linkedBy === 'new' ? <Tag color="green">新增</Tag> : `${i.linkedName ?? '—'}${i.linkedBy === 'code' ? '（按代码）' : i.linkedBy === 'name' ? '（按名称）' : ''}`,
          },
          {
            title: '处理',
            render: (_, i) =>
              i.kind === 'different' ? (
                <span className={i.taken ? '' : 'tz-exchange-conflict-text'}>{i.taken ? '采用下达目标' : '保留本级目标'}</span>
              ) : (
                ISSUE_ITEM_LABEL[i.kind]
              ),
          },
        ]}
      />
      {differing > 0 ? (
        <Checkbox checked={adopt} onChange={(e) => onAdopt(e.target.checked)} style={{ marginTop: 12 }} data-testid="issue-adopt">
          {differing} 项与本级目标不同：采用下达目标（不勾选则保留本级目标，差异在“上级下达”中继续显示）
        </Checkbox>
      ) : null}
      {r.tasks.length > 0 ? (
        <p className="tz-muted" style={{ marginTop: 12 }}>
          下达任务 {r.tasks.length} 项（{r.tasks.filter((t) => t.change === 'added').length} 项新增），接收后列入任务分解，本单位为责任单位，可填报任务进展并上报。
        </p>
      ) : null}
      <p className="tz-muted">接收前自动备份数据库；下达的内容不可修改，上级调整后会作为新版本下达。</p>
    </div>
  );
}

export function IssueCard({ planId, period, own, subs }: { planId: number; period: string; own: PlanUnitEntry | undefined; subs: PlanUnitEntry[] }) {
  const { message } = AntApp.useApp();
  const view = useApiResource('exchange.issued', { planId });
  const { ensure, gate } = useOperatorGate();
  const receive = useReceive(() => view.reload());
  const [issueTo, setIssueTo] = useState<number[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isCity = own?.kind === 'city';
  const chosen = issueTo ?? subs.map((u) => u.id);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const issue = () =>
    run(async () => {
      const { files } = await api.call('exchange.issue', { planId, unitIds: chosen });
      for (const f of files) downloadBase64(f.base64, f.fileName, f.mimeType);
      message.success(`已导出 ${files.length} 个下达数据包，请发给各${own?.kind === 'city' ? '县区' : '下级单位'}`);
    });
  const toParent = (format: 'package' | 'xlsx') =>
    run(async () => {
      if (!(await ensure())) return;
      const f = await api.call('exchange.exportToParent', { planId, period, format });
      downloadBase64(f.base64, f.fileName, f.mimeType);
      message.success(`已导出上报${format === 'package' ? '数据包' : '填报表'}“${f.fileName}”（${f.figures} 个指标数、${f.progress} 条任务进展），请发给${f.upperUnitName}`);
    });
  const adopt = (ids: number[] | null) =>
    run(async () => {
      if (!(await ensure())) return;
      const r = await api.call('exchange.adoptIssued', { planId, upperIndicatorIds: ids });
      message.success(`已采用下达目标 ${r.changed} 项（已先备份，可在“设置 → 备份与恢复”中撤销）`);
    });

  const v = view.data;
  const differing = v?.targets.filter((t) => !t.adopted && t.indicatorId !== null) ?? [];
  return (
    <Card
      size="small"
      title={
        <span>
          上级下达
          {v?.issued ? (
            <span className="tz-muted" style={{ fontWeight: 'normal', marginLeft: 8 }}>
              {v.upperUnitName} ·《{v.upperPlanTitle}》· 第{v.versions.length}版
            </span>
          ) : null}
          {v?.sampleTargets ? <Tag color="orange" style={{ marginLeft: 8 }}>示例数据</Tag> : null}
        </span>
      }
      data-testid="exchange-issue"
    >
      {isCity ? (
        <div style={{ marginBottom: 16 }}>
          <p className="tz-muted tz-exchange-help">
            下达计划：每个县区一个数据包（.tzpkg），含本计划的工作目标、该县区的分解目标和点名该县区的任务（含“各县区”等组合称谓）。县区在自己的台账中接收后承接为本级目标。
          </p>
          <Space wrap>
            <Select
              mode="multiple"
              style={{ minWidth: 360 }}
              value={chosen}
              onChange={setIssueTo}
              maxTagCount="responsive"
              options={subs.map((u) => ({ value: u.id, label: u.name }))}
              data-testid="issue-units"
            />
            <Button type="primary" icon={<DownloadOutlined />} loading={busy} disabled={chosen.length === 0} onClick={() => void issue()} data-testid="issue-export">
              下达计划数据包（{chosen.length} 个单位）
            </Button>
          </Space>
        </div>
      ) : null}

      {v?.issued ? (
        <>
          {v.changes.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`第${v.versions.length}版与上一版的差异：${v.changes
                .map((c) => `${c.name} ${num(c.previous)} → ${num(c.current)}${c.current !== null ? c.measureUnit : ''}`)
                .join('；')}`}
              data-testid="issue-changes"
            />
          ) : null}
          <Table<IssuedTargetRow>
            size="small"
            pagination={false}
            rowKey="upperIndicatorId"
            dataSource={v.targets}
            data-testid="issue-targets"
            rowClassName={(t) => (!t.adopted || (t.splitDifference !== null && t.splitDifference !== 0) ? 'tz-exchange-conflict' : '')}
            columns={[
              { title: '指标', dataIndex: 'name' },
              { title: `${v.upperUnitName}下达`, render: (_, t) => num(t.issued, t.issuedMax, t.measureUnit) },
              { title: '本级目标', render: (_, t) => (t.adopted ? <span>{num(t.local, t.localMax, t.measureUnit)} <Tag color="blue">承接</Tag></span> : <span className="tz-exchange-conflict-text">{num(t.local, t.localMax, t.measureUnit)}（与下达不同）</span>) },
              {
                title: '下级分解合计',
                render: (_, t) => (t.split === null ? <span className="tz-muted">{t.aggregation === 'none' ? '比率，不加总' : '未分解'}</span> : `${num(t.split, null, t.measureUnit)}（${t.splitUnits}个单位）`),
              },
              {
                title: '合计校验',
                render: (_, t) =>
                  t.splitDifference === null ? (
                    '—'
                  ) : t.splitDifference === 0 ? (
                    <Tag color="green">相符</Tag>
                  ) : (
                    <Tag color="red">不相符：{t.splitDifference > 0 ? '多' : '少'} {formatNumber(Math.abs(t.splitDifference))}</Tag>
                  ),
              },
              {
                title: '',
                render: (_, t) =>
                  !t.adopted && t.indicatorId !== null ? (
                    <Button size="small" onClick={() => void adopt([t.upperIndicatorId])} loading={busy}>
                      采用下达目标
                    </Button>
                  ) : null,
              },
            ]}
          />
          <p className="tz-muted" style={{ margin: '8px 0' }}>
            下达目标不可在本级修改；下级分解在“指标分解”中调整，合计应等于下达目标。下达任务 {v.tasks.length} 项已列入任务分解（“{v.upperUnitName}下达”）。版本：
            {v.versions.map((x) => `第${x.version}版 ${x.receivedAt.slice(0, 10)} ${x.receivedBy}接收`).join('；')}
          </p>
          <Space wrap>
            {differing.length > 1 ? (
              <Button onClick={() => void adopt(null)} loading={busy}>
                全部采用下达目标（{differing.length} 项）
              </Button>
            ) : null}
            <Button type="primary" icon={<CloudUploadOutlined />} loading={busy} onClick={() => void toParent('package')} data-testid="issue-to-parent">
              上报{v.upperUnitName}：{periodLabel(period)}（数据包）
            </Button>
            <Button icon={<CloudUploadOutlined />} loading={busy} onClick={() => void toParent('xlsx')}>
              上报填报表（Excel）
            </Button>
          </Space>
        </>
      ) : (
        <p className="tz-muted tz-exchange-help">上级（如市科技局）下达的计划数据包在这里接收：承接为本单位的目标，与本级已有目标的差异逐项列出，不会直接覆盖。</p>
      )}
      <div style={{ marginTop: 12 }}>
        <Upload
          accept=".tzpkg,.json"
          showUploadList={false}
          beforeUpload={(file) => {
            void receive.preview(file);
            return false;
          }}
        >
          <Button icon={<InboxOutlined />} loading={receive.busy} data-testid="issue-receive">
            接收上级数据包
          </Button>
        </Upload>
      </div>
      {error || receive.error ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={error ?? receive.error} data-testid="issue-error" /> : null}
      {gate}
      {receive.modal}
    </Card>
  );
}
