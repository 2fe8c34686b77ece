/**
 * The upper level's side of 上级下达: the plan package issued to one
 * sub-unit (a city's to a district) — the plan's goals, the city's own
 * targets and the sub-unit's, the tasks that name it (directly or through a
 * group phrase: task_units holds both), the document's identity, and the
 * identification every exchange file carries (stable codes for units and
 * indicators). Other sub-units' targets are not theirs to see. What it reads
 * is one Op (issue 22), the same on a SQLite file and a PostgreSQL store.
 */
import type { ExchangeExportFile } from '../../../shared/api/methods/exchange';
import type { Plan } from '../../../shared/model/plan';
import { requirePlanOp } from '../plans/scope';
import type { Op, OpStore } from '../store/query';
import { buildIdentityOp, identityInputsOp, withDatabaseIdOn, type IdentityInputs } from './identity';
import { packageOf } from './package';
import { PACKAGE_EXTENSION, type PackageFile } from './packageFormat';

/** The plan's data every sub-unit's package shares, read once: the identification is the plan's year. */
function* issueInputsOp(planId: number): Op<IdentityInputs> {
  const plan = yield* requirePlanOp(planId);
  return yield* identityInputsOp(planId, String(plan.yearEnd));
}

function* buildIssuePackageOp(inputs: IdentityInputs, unitId: number, databaseId: string): Op<PackageFile> {
  const plan = inputs.scope.plan;
  // The identification is the plan's year: its open cells are the year's (the sub-unit reports per period later).
  const identity = yield* buildIdentityOp(inputs, unitId, String(plan.yearEnd), databaseId);
  const pkg = packageOf(identity, inputs);
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

function* issuePackagesOp(planId: number, unitIds: number[], databaseId: string): Op<{ plan: Plan; pkgs: PackageFile[] }> {
  const inputs = yield* issueInputsOp(planId);
  const pkgs: PackageFile[] = [];
  for (const id of unitIds) pkgs.push(yield* buildIssuePackageOp(inputs, id, databaseId));
  return { plan: inputs.scope.plan, pkgs };
}

/** File names must survive Windows: no \ / : * ? " < > |. */
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\r\n\t]/g, '_');

/** One plan package per sub-unit (下达), named `青云谱区_2022.tzpkg`. Every unit is checked before any file is made. */
export async function exportIssuePackages(store: OpStore, planId: number, unitIds: number[]): Promise<ExchangeExportFile[]> {
  const { plan, pkgs } = await withDatabaseIdOn(store, (databaseId) => issuePackagesOp(planId, unitIds, databaseId));
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
