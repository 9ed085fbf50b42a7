/**
 * `npm run cli -- <command> [options]`. Commands:
 *   sample --out FILE    write a new sample workspace (refuses to overwrite an existing file)
 *   export --workspace FILE --report targets --format pdf|xlsx --out PATH [--month YYYY-MM] [--year YYYY]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPORT_FORMATS, REPORT_IDS, type ReportFormat } from '../../src-shared/contract/channels';
import { isReportId, renderReportFile } from '../core/reports/report-service';
import { getWorkspaceInfo } from '../core/workspace/workspace-service';
import { openWorkspace, REPORTS, type Workspace } from '../core/app';

const USAGE = `用法 / usage:
  npm run cli -- sample --out FILE    创建示例工作区 / write a new sample workspace
  npm run cli -- export --workspace FILE --report ${REPORT_IDS.join('|')} --format ${REPORT_FORMATS.join('|')} --out PATH
                      [--month YYYY-MM] [--year YYYY]
                                      导出报表 / export a report (月份、年度默认为当前 / month, year default to now)`;

async function sample(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, force: { type: 'boolean', default: false } } });
  if (!values.out) {
    console.error('缺少 --out FILE / missing --out FILE');
    return 2;
  }
  if (fs.existsSync(values.out)) {
    if (!values.force) {
      console.error(`文件已存在: ${values.out}（使用 --force 覆盖） / file exists: ${values.out} (use --force to overwrite)`);
      return 1;
    }
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(values.out + suffix, { force: true });
  }
  const ws = await openWorkspace(values.out, { createWithSample: true });
  const info = await getWorkspaceInfo(ws);
  await ws.close();
  console.log(
    `已创建示例工作区 / sample workspace written: ${ws.file} (${info.organisationName}, ${info.counts.units} units, ${info.counts.people} people, ${info.counts.cells} cells)`,
  );
  return 0;
}

async function exportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      workspace: { type: 'string' },
      report: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      month: { type: 'string' },
      year: { type: 'string' },
    },
  });
  const missing = (['workspace', 'report', 'format', 'out'] as const).filter((k) => !values[k]);
  if (missing.length > 0) {
    console.error(`缺少参数 / missing: ${missing.map((k) => `--${k}`).join(' ')}\n${USAGE}`);
    return 2;
  }
  if (!isReportId(REPORTS, values.report!)) {
    console.error(`未知报表 / unknown report: ${values.report}（可用 / available: ${REPORT_IDS.join(', ')}）`);
    return 2;
  }
  if (!(REPORT_FORMATS as readonly string[]).includes(values.format!)) {
    console.error(`未知格式 / unknown format: ${values.format}（可用 / available: ${REPORT_FORMATS.join(', ')}）`);
    return 2;
  }
  if (values.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month)) {
    console.error(`月份格式应为 YYYY-MM / --month must be YYYY-MM: ${values.month}`);
    return 2;
  }
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) {
    console.error(`年度格式应为 YYYY / --year must be YYYY: ${values.year}`);
    return 2;
  }
  let ws: Workspace;
  try {
    ws = await openWorkspace(values.workspace!);
  } catch (error) {
    const reason = fs.existsSync(values.workspace!) ? '不是有效的工作区文件 / not a valid workspace file' : '文件不存在 / file not found';
    console.error(`无法打开工作区 / cannot open workspace ${values.workspace}: ${reason} (${(error as Error).message})`);
    return 1;
  }
  // playwright-core takes seconds to load: only a PDF export pays for it.
  const printer = values.format === 'pdf' ? (await import('../core/reports/pdf')).createChromiumPdfPrinter() : undefined;
  try {
    const { bytes, pageCount } = await renderReportFile(ws, { printPdf: printer }, REPORTS[values.report], values.format as ReportFormat, {
      yearMonth: values.month,
      year: values.year === undefined ? undefined : Number(values.year),
    });
    fs.mkdirSync(path.dirname(path.resolve(values.out!)), { recursive: true });
    fs.writeFileSync(values.out!, bytes);
    const pages = pageCount === null ? '' : `, ${pageCount} 页 / pages`;
    console.log(`已导出 / exported: ${path.resolve(values.out!)} (${bytes.length} bytes${pages})`);
    return 0;
  } finally {
    await printer?.close();
    await ws.close();
  }
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'sample':
      return sample(rest);
    case 'export':
      return exportCommand(rest);
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`未知命令 / unknown command: ${command}\n${USAGE}`);
      return 2;
  }
}

process.env.PLANDESK_QUIET = '1';
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`PlanDesk: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
