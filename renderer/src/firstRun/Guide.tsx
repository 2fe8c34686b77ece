/**
 * 使用指引: the four steps of a bureau's year in Taizhang — 导入工作要点 →
 * 分解目标 → 下发填报表 / 录入 → 导出 — each with the way there. Dismissed
 * with 知道了; 帮助 in the side menu opens it again.
 */
import { Button, Modal, Steps } from 'antd';
import { navigate, type Route } from '../route';
import { useImportDrawer } from '../import/importDrawerStore';
import { useIsDistrict } from '../api/serverSession';
import { useGuide } from './guideStore';

interface Step {
  title: string;
  text: string;
  go: { label: string; route?: Route; importer?: boolean }[];
}

const STEPS: Step[] = [
  {
    title: '导入工作要点',
    text: '把印发的工作要点附件1（任务分解表）、附件2（指导性任务分解表）导入：Excel、CSV 或从文件中复制粘贴的文字均可；也可以在“工作目标”“任务分解”中逐条录入。',
    go: [
      { label: '导入表格', importer: true },
      { label: '工作目标', route: 'goals' },
    ],
  },
  { title: '分解目标', text: '在“指标分解”中把全区目标分解到各街道、镇、集聚区，像 Excel 一样录入或粘贴，合计与全区目标随时校验。', go: [{ label: '指标分解', route: 'targets' }] },
  {
    title: '下发填报表 / 录入',
    text: '在“数据交换”中一次为所有单位导出填报表（Excel）或数据包，收回后载入；也可以直接在“数据填报”中录入完成数和任务进展。',
    go: [
      { label: '数据交换', route: 'exchange' },
      { label: '数据填报', route: 'figures' },
    ],
  },
  { title: '导出', text: '在“报表导出”中导出附件1、附件2、完成情况统计表和年度工作总结（PDF），可直接打印报送。', go: [{ label: '报表导出', route: 'reports' }] },
];

export function Guide() {
  const { open, dismiss } = useGuide();
  const showImport = useImportDrawer((s) => s.show);
  // Importing is the district's: other accounts have no import drawer.
  const canImport = useIsDistrict();
  const close = () => useGuide.setState({ open: false });
  return (
    <Modal
      open={open}
      title="使用指引：四步完成一年的台账"
      width={720}
      onCancel={close}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={dismiss} data-testid="guide-dismiss">
          知道了
        </Button>
      }
    >
      <div data-testid="guide">
        <Steps
          direction="vertical"
          current={-1}
          items={STEPS.map((s, i) => ({
            title: `${i + 1}. ${s.title}`,
            description: (
              <div className="tz-guide-step">
                <p>{s.text}</p>
                {s.go.filter((g) => canImport || !g.importer).map((g) => (
                  <Button
                    key={g.label}
                    size="small"
                    onClick={() => {
                      close();
                      if (g.importer) showImport();
                      else if (g.route) navigate(g.route);
                    }}
                  >
                    {g.importer ? g.label : `去“${g.label}”`}
                  </Button>
                ))}
              </div>
            ),
          }))}
        />
        <p className="tz-muted">以后可随时点击左侧菜单的“帮助”再次打开本指引。</p>
      </div>
    </Modal>
  );
}
