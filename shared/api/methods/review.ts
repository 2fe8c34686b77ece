/**
 * 审核 (approval) of the figures entry accounts and returned files bring in:
 * the list per unit and period, approve, return with a reason, and the steps.
 */
import { z } from 'zod';
import { method } from '../method';
import { REVIEW_STATES, type ReviewEvent, type ReviewList } from '../../review/states';
import { planId } from './plan';
import { periodSchema } from './figures';

const id = z.number().int().positive();
const target = { planId, unitId: id, period: periodSchema };
/** The revision the list showed (ReviewRow.revision): refused as a conflict when a figure changed since. */
const revision = z.number().int().min(0).optional();

export const reviewMethods = {
  'review.list': method<ReviewList>()(
    z.object({ planId, state: z.enum([...REVIEW_STATES, 'all']).optional() }).strict(),
    'The units and periods under 审核 with their figures: 待审核 first, then 已退回, then 已审核.',
  ),
  'review.approve': method<{ ok: true }>()(
    z.object({ ...target, revision }).strict(),
    '审核通过: the unit’s figures of the period become approved, read-only for its entry accounts.',
  ),
  'review.return': method<{ ok: true }>()(
    z.object({ ...target, reason: z.string().trim().min(2, '退回原因至少写2个字').max(500, '退回原因不能超过500字'), revision }).strict(),
    '退回 with a reason: the unit sees it and may change its figures again; they are 待审核 once it saves.',
  ),
  'review.history': method<{ events: ReviewEvent[] }>()(
    z.object(target).strict(),
    'Every step of a unit’s figures for a period: submitted, approved, returned (with the reason), corrected by the district.',
  ),
} as const;
