import { Page } from '../components/Page';
import { ComingSoon } from './ComingSoon';

export function FiguresPage() {
  return (
    <Page title="数据填报" testId="page-figures">
      <ComingSoon what="数据填报：按单位、按期填报各项指标的完成数和任务进展，支持从 Excel 粘贴、即时校验、自动保存，报送后可锁定当期数据。" />
    </Page>
  );
}
