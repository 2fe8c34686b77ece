/** `taizhang info`: what the database holds. */
import type { CliCommand } from './command';
import { callOrThrow } from './command';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: '显示数据库中的内容（单位、指标、目标、任务的数量）',
  postgres: true,
  async run({ core, json, io }) {
    const info = await callOrThrow(core, 'app.info', {});
    const c = info.counts;
    if (json) {
      io.out(
        JSON.stringify({
          units: c.units,
          indicators: c.indicators,
          targets: c.targets,
          actionLines: c.actionLines,
          tasks: c.tasks,
          departments: c.departments,
          unitGroups: c.unitGroups,
          plans: c.plans,
          figures: c.figures,
          schemaVersion: info.schemaVersion,
          appVersion: info.appVersion,
          dbPath: info.dbPath,
          planTitles: info.plans.map((p) => p.title),
        }),
      );
      return 0;
    }
    io.out(
      [
        `数据库：${info.dbPath}（结构版本 ${info.schemaVersion}，科创台账 ${info.appVersion}）`,
        `工作计划：${c.plans} 个${info.plans.length ? '：' + info.plans.map((p) => `${p.title}${p.docNumber ? `（${p.docNumber}）` : ''}`).join('；') : ''}`,
        `单位：${c.units} 个，部门：${c.departments} 个，组合称谓：${c.unitGroups} 个`,
        `指标：${c.indicators} 个，分解目标：${c.targets} 条，完成数：${c.figures} 条`,
        `重点工作：${c.actionLines} 项行动，${c.tasks} 项任务`,
      ].join('\n'),
    );
    return 0;
  },
};
