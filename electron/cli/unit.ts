/**
 * `taizhang unit list|add|rename|merge`: the units and departments of
 * 设置 → 单位与部门 from the terminal. A unit is named by its name as written
 * (spaces and full-width letters forgiven) or by its code. A merge that would
 * not keep some values lists them and is refused (exit 1) unless --yes says
 * they were seen, as `backup restore` does; it always takes a backup first.
 */
import { ApiError } from '../../shared/api/errors';
import { UNIT_KINDS } from '../../shared/api/methods/units';
import { buildUnitTree, UNIT_KIND_LABEL, type Unit, type UnitKind, type UnitNode } from '../../shared/model/units';
import { closestNames, normaliseUnitName } from '../../shared/units/normalise';
import { callOrThrow, type CliCommand, type CliContext } from './command';
import { optionText, Refusal, UsageError } from './output';

const USAGE = [
  'taizhang unit list [--json]',
  'taizhang unit add --name 名称 [--parent 上级单位] [--kind district|street|town|zone|department] [--code 代码] [--full-name 全称] [--json]',
  'taizhang unit rename --unit 原名称 --name 新名称 [--full-name 全称] [--json]',
  'taizhang unit merge --unit 被合并单位 --into 保留单位 [--yes] [--json]',
].join('\n');

async function directory(ctx: CliContext) {
  return callOrThrow(ctx.core, 'units.directory', {});
}

/** A unit by code, or by name as written; an ambiguous name asks for the code. */
function findUnit(units: Unit[], wanted: string, option: string): Unit {
  const byCode = units.find((u) => u.code === wanted);
  if (byCode) return byCode;
  const named = units.filter((u) => normaliseUnitName(u.name) === normaliseUnitName(wanted));
  if (named.length === 1) return named[0];
  if (named.length > 1) {
    throw new UsageError(`有 ${named.length} 个名为“${wanted}”的单位，请用代码指明（${option} 代码）：${named.map((u) => `${u.code}（${parentName(units, u)}）`).join('、')}`);
  }
  const near = closestNames(wanted, units.map((u) => u.name));
  throw new UsageError(`找不到单位“${wanted}”。${near.length ? `是否指：${near.join('、')}？` : '可用 taizhang unit list 查看全部单位。'}`);
}

const parentName = (units: Unit[], u: Unit) => units.find((p) => p.id === u.parentId)?.name ?? '顶级';

function required(ctx: CliContext, option: string, what: string): string {
  const v = optionText(ctx.options?.[option]);
  if (!v) throw new UsageError(`请用 --${option} 给出${what}。`);
  return v;
}

/** Core refusals (a duplicate name, a department under a department) are exit 1; wrong usage stays 2. */
const refusing = (err: unknown): never => {
  throw err instanceof ApiError && err.code === 'bad_request' ? new Refusal(err.message) : err;
};

async function list(ctx: CliContext): Promise<number> {
  const { units, groups } = await directory(ctx);
  const aliases = await callOrThrow(ctx.core, 'units.aliases', {});
  const name = (id: number) => units.find((u) => u.id === id)?.name ?? null;
  const ordered: { node: UnitNode; depth: number }[] = [];
  const walk = (nodes: UnitNode[], depth: number) =>
    nodes.forEach((node) => {
      ordered.push({ node, depth });
      walk(node.children, depth + 1);
    });
  walk(buildUnitTree(units), 0);
  if (ctx.json) {
    ctx.io.out(
      JSON.stringify({
        units: ordered.map(({ node: u }) => ({
          id: u.id,
          name: u.name,
          fullName: u.fullName ?? null,
          code: u.code ?? null,
          kind: u.kind,
          parentId: u.parentId,
          parent: u.parentId === null ? null : name(u.parentId),
          active: u.active !== false,
          aliases: aliases.filter((a) => a.unitId === u.id).map((a) => a.alias),
        })),
        groups: groups.map((g) => ({ id: g.id, phrase: g.phrase, aliases: g.aliases, owner: name(g.ownerUnitId), members: g.memberIds.map(name) })),
      }),
    );
    return 0;
  }
  if (!units.length) {
    ctx.io.out('还没有单位。可用 taizhang unit add --name 名称 --kind district 新建本单位。');
    return 0;
  }
  const lines = ordered.map(({ node: u, depth }) => {
    const extra = [u.fullName ? `全称 ${u.fullName}` : '', aliases.some((a) => a.unitId === u.id) ? `别名 ${aliases.filter((a) => a.unitId === u.id).map((a) => a.alias).join('、')}` : '']
      .filter(Boolean)
      .join('；');
    return `${'  '.repeat(depth)}${u.name}  [${UNIT_KIND_LABEL[u.kind]}]  ${u.code ?? ''}${u.active === false ? '  [已停用]' : ''}${extra ? `  （${extra}）` : ''}`;
  });
  if (groups.length) lines.push('', '组合称谓：', ...groups.map((g) => `  ${g.phrase}（${name(g.ownerUnitId)}）：${g.memberIds.map(name).join('、')}`));
  ctx.io.out(lines.join('\n'));
  return 0;
}

function kindOf(text: string | undefined, parent: Unit | null): UnitKind {
  if (text !== undefined) {
    if (!(UNIT_KINDS as readonly string[]).includes(text)) throw new UsageError(`--kind 应为 district、street、town、zone、department 或 city，而不是“${text}”。`);
    return text as UnitKind;
  }
  if (!parent) return 'district';
  return parent.kind === 'city' ? 'district' : 'street';
}

async function add(ctx: CliContext): Promise<number> {
  const name = required(ctx, 'name', '新单位的名称（如 --name 洪都街道）');
  const { units } = await directory(ctx);
  const parentText = optionText(ctx.options?.parent);
  const parent = parentText ? findUnit(units, parentText, '--parent') : null;
  const kind = kindOf(optionText(ctx.options?.kind), parent);
  const code = optionText(ctx.options?.code);
  const fullName = optionText(ctx.options?.['full-name']) ?? null;
  const { id } = await callOrThrow(ctx.core, 'units.save', { unit: { name, kind, fullName, parentId: parent?.id ?? null, ...(code ? { code } : {}) } }).catch(refusing);
  const made = (await directory(ctx)).units.find((u) => u.id === id)!;
  ctx.io.out(
    ctx.json
      ? JSON.stringify({ ok: true, id, name: made.name, code: made.code, kind: made.kind, parent: parent?.name ?? null })
      : `已新增${UNIT_KIND_LABEL[kind]}：${made.name}（代码 ${made.code}${parent ? `，属于${parent.name}` : ''}）`,
  );
  return 0;
}

async function rename(ctx: CliContext): Promise<number> {
  const wanted = required(ctx, 'unit', '要改名的单位（--unit 原名称或代码）');
  const name = required(ctx, 'name', '新名称（--name 新名称）');
  const { units } = await directory(ctx);
  const unit = findUnit(units, wanted, '--unit');
  const fullNameText = ctx.options?.['full-name'];
  const fullName = typeof fullNameText === 'string' ? fullNameText.trim() || null : (unit.fullName ?? null);
  await callOrThrow(ctx.core, 'units.save', { unit: { id: unit.id, name, fullName, kind: unit.kind } }).catch(refusing);
  ctx.io.out(
    ctx.json
      ? JSON.stringify({ ok: true, id: unit.id, code: unit.code, oldName: unit.name, name })
      : `已将“${unit.name}”改名为“${name}”。原名称仍可在导入和回报中识别。`,
  );
  return 0;
}

async function merge(ctx: CliContext): Promise<number> {
  const { units } = await directory(ctx);
  const from = findUnit(units, required(ctx, 'unit', '被合并的单位（--unit 名称或代码）'), '--unit');
  const into = findUnit(units, required(ctx, 'into', '保留的单位（--into 名称或代码）'), '--into');
  const confirm = ctx.options?.yes === true;
  const result = await callOrThrow(ctx.core, 'units.merge', { fromId: from.id, intoId: into.id, confirm }).catch(refusing);
  if (ctx.json) {
    ctx.io.out(JSON.stringify({ ok: result.done, from: from.name, into: into.name, conflicts: result.conflicts, conflictCount: result.conflictCount, moved: result.moved, backup: result.backup }));
    return result.done ? 0 : 1;
  }
  if (!result.done) {
    ctx.io.err([`合并后以下 ${result.conflictCount} 项两个单位都有的值只保留“${into.name}”的，未执行：`, ...result.conflicts.map((c) => `  · ${c}`), '确认无误后请加 --yes 再运行。'].join('\n'));
    return 1;
  }
  const m = result.moved;
  const lines = [
    `已将“${from.name}”并入“${into.name}”：移入完成数 ${m.figures} 个、目标 ${m.targets} 个、任务进展 ${m.progress} 条、任务 ${m.tasks} 项。`,
    ...result.conflicts.map((c) => `  · ${c}`),
  ];
  if (result.backup) lines.push(`合并前的数据已备份（${result.backup.id}）；如需撤销：taizhang backup undo ${result.backup.id}`);
  ctx.io.out(lines.join('\n'));
  return 0;
}

export const unitCommand: CliCommand = {
  name: 'unit',
  summary: '单位与部门：列出、新增、改名、合并',
  usage: USAGE,
  // units.directory, units.aliases, units.save and units.merge (with its pg_dump copy) run on PostgreSQL too (store/postgres/core.ts).
  postgres: true,
  options: {
    name: { type: 'string' },
    parent: { type: 'string' },
    kind: { type: 'string' },
    code: { type: 'string' },
    'full-name': { type: 'string' },
    unit: { type: 'string' },
    into: { type: 'string' },
    yes: { type: 'boolean', default: false },
  },
  // Failures go through the CLI's one path (cli/failure.ts).
  async run(ctx) {
    const [sub, ...extra] = ctx.args;
    if (extra.length) throw new UsageError(`多余的参数：${extra.join(' ')}`);
    if (sub === 'list') return list(ctx);
    if (sub === 'add') return add(ctx);
    if (sub === 'rename') return rename(ctx);
    if (sub === 'merge') return merge(ctx);
    throw new UsageError(sub ? `未知的子命令“${sub}”。` : '请说明要 list、add、rename 还是 merge。');
  },
};
