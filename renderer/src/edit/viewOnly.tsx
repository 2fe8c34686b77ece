/**
 * The plan itself — 工作目标, 任务分解, 指标分解 — is the district's to change
 * (at `taizhang serve`, an admin's). A 查看 account (a 局长 reading along)
 * sees these pages without the buttons that would only be refused, and one
 * mark saying why. A convenience: the core refuses the writes anyway
 * (electron/core/access/permissions.ts).
 */
import { Tag, Tooltip } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useIsDistrict } from '../api/serverSession';

/** Why this account cannot change the plan. */
export const PLAN_VIEW_ONLY = '您的账户只能查看：工作要点由区里的管理员修改';

/** The reason this window cannot change the plan, or null when it can. */
export function usePlanViewOnly(): string | null {
  return useIsDistrict() ? null : PLAN_VIEW_ONLY;
}

/** The mark a view-only page shows where its edit buttons would be. */
export function ViewOnlyTag() {
  return (
    <Tooltip title={PLAN_VIEW_ONLY}>
      <Tag icon={<EyeOutlined />} data-testid="view-only">
        只能查看
      </Tag>
    </Tooltip>
  );
}
