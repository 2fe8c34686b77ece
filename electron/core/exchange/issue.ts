/**
 * The upper level's side of 上级下达: the plan package issued to one
 * sub-unit (a city's to a district) — the plan's goals, the city's own
 * targets and the sub-unit's, the tasks that name it (directly or through a
 * group phrase: task_units holds both), the document's identity, and the
 * identification every exchange file carries (stable codes for units and
 * indicators). Other sub-units' targets are not theirs to see.
 */
import type { ExchangeExportFile } from '../../../shared/api/methods/exchange';
import type { Db } from '../db/open';
import { requirePlan } from '../plans/scope';
import { buildIdentity, identityInputs, type IdentityInputs } from './identity';
import { listActionLines } from '../db/repos/tasks';
import { buildPackage } from './package';
import { PACKAGE_EXTENSION, type PackageFile } from './packageFormat';

type Inputs = IdentityInputs & { actionLines: ReturnType<typeof listActionLines> };

/** The plan's data every sub-unit's package shares, read once. */
function issueInputs(db: Db, planId: number): Inputs {
  const plan = requirePlan(db, planId);
  return { ...identityInputs(db, planId, String(plan.yearEnd)), actionLines: listActionLines(db, planId) };
}

export function buildIssuePackage(db: Db, planId: number, unitId: number, inputs: Inputs = issueInputs(db, planId)): PackageFile {
  const plan = inputs.scope.plan;
  // The identification is the plan's year: its open cells are the year's (the sub-unit reports per period later).
  const identity = buildIdentity(db, planId, unitId, String(plan.yearEnd), inputs);
  const pkg = buildPackage(db, identity, inputs);
  const tasks = pkg.tasks
    .filter((t) => t.units.some((u) => u.unitId === unitId))
    .map((t) => ({ ...t, units: t.units.filter((u) => u.unitId === unitId) }));
  const lines = new Set(tasks.map((t) => t.actionLineId));
  return {
    ...pkg,
    plan: { ...pkg.plan, ...(plan.sampleTargets ? { sampleTargets: true } : {}) },
    units: pkg.units.filter((u) => u.parentId === null || u.id === unitId),
    actionLines: pkg.actionLines.filter((a) => lines.has(a.id)),
    tasks,
  };
}

/** File names must survive Windows: no \ / : * ? " < > |. */
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\r\n\t]/g, '_');

/** One plan package per sub-unit (下达), named `青云谱区_2022.tzpkg`. Every unit is checked before any file is made. */
export function exportIssuePackages(db: Db, planId: number, unitIds: number[]): ExchangeExportFile[] {
  const plan = requirePlan(db, planId);
  const inputs = issueInputs(db, planId);
  const pkgs = unitIds.map((id) => buildIssuePackage(db, planId, id, inputs));
  return pkgs.map((pkg) => {
    const unit = (pkg.identity as { unit: { id: number; name: string } }).unit;
    const bytes = Buffer.from(JSON.stringify(pkg), 'utf8');
    const year = plan.yearStart === plan.yearEnd ? `${plan.yearEnd}` : `${plan.yearStart}-${plan.yearEnd}`;
    return {
      fileName: safeName(`${unit.name}_${year}${PACKAGE_EXTENSION}`),
      mimeType: 'application/json',
      unitId: unit.id,
      unitName: unit.name,
      byteLength: bytes.byteLength,
      base64: bytes.toString('base64'),
    };
  });
}
