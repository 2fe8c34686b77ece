/**
 * 审核 (approval) of figures, as DHIS2 and the provinces' 目标管理 systems
 * have it: what an entry account (填报员) enters for a unit and a period is
 * 待审核 until the district approves it (审核通过) or returns it (退回) with a
 * reason. Pure: the core keeps the states (electron/core/review/), the grid,
 * the dashboard and the exports mark them.
 *
 * Figures the district enters itself (an admin account, the desktop window,
 * a CLI command) need no approval: they count as approved on entry and carry
 * no review state at all. Figures from a returned 填报表 or 数据包 land as
 * 待审核, like a street's own typing — one approval path.
 */
export const REVIEW_STATES = ['pending', 'approved', 'returned'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_STATE_LABEL: Record<ReviewState, string> = {
  pending: '待审核',
  approved: '已审核',
  returned: '已退回',
};

/** The quiet mark a figure carries in the grid, the heatmap and the exports (approved ones carry none). */
export const REVIEW_MARK: Record<ReviewState, string> = {
  pending: '待审',
  approved: '',
  returned: '退回',
};

/** The legend under every table that marks figures. */
export const REVIEW_LEGEND = '“待审”：填报单位已报、尚待区里审核；“退回”：已退回填报单位修改。未标注的完成数已审核通过或由区里录入。';

/** The review state of one unit's figures for one period (the indicator's own period: 2022-09, 2022Q3, 2022). */
export interface ReviewMark {
  unitId: number;
  period: string;
  state: ReviewState;
  /** The reason of the last 退回: kept beside the unit's new submission, cleared by the approval. */
  reason: string | null;
}

export const reviewKey = (unitId: number, period: string) => `${unitId}|${period}`;

/** One row of the 审核 view: a unit's figures for a period, with what it holds. */
export interface ReviewRow extends ReviewMark {
  unitName: string;
  periodLabel: string;
  /** Who set the state (submitted, approved or returned) and when. */
  by: string;
  at: string;
  /** The figures of that unit and period: what the district approves. */
  figures: { indicatorId: number; indicatorName: string; measureUnit: string; decimals: number; value: number; target: number | null; enteredBy: string; enteredAt: string }[];
  /** The figures' last change for this unit and period: an approval is refused when it moved since (someone saved meanwhile). */
  revision: number;
}

export interface ReviewList {
  planId: number;
  rows: ReviewRow[];
  /** How many rows are in each state (the tab badges). */
  counts: Record<ReviewState, number>;
}

export type ReviewAction = 'submit' | 'approve' | 'return' | 'correct';

export const REVIEW_ACTION_LABEL: Record<ReviewAction, string> = {
  submit: '提交审核',
  approve: '审核通过',
  return: '退回',
  correct: '区里更正',
};

export interface ReviewEvent {
  id: number;
  unitId: number;
  period: string;
  action: ReviewAction;
  reason: string | null;
  source: string | null;
  by: string;
  at: string;
}
