/**
 * The CLI's commands, as a function from arguments to an exit code (main.ts is the process around
 * it): 0 done, 1 failed, 2 a usage error. Whatever goes wrong is said in one message, never a stack.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ReportFormat, ReportId } from '../../src-shared/contract/reports';
import { AppError } from '../../src-shared/contract/errors';
import type { TemplateRefusal } from '../../src-shared/contract/targets';
import { isCommandName, parseOptions, usage, UsageError, type ValuesOf } from './options';

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** A failure the CLI words itself (an existing output file, a missing workspace): exit 1. */
class CliFailure extends Error {
  override readonly name = 'CliFailure';
}

/**
 * Errors whose message is written for the user: the CLI's own, a workspace file core refused
 * (WorkspaceRefusedError, bilingual, naming the file and the reason) and core's AppError. Matched by
 * name as well, so a second copy of a module (or a class core adds later) still prints cleanly.
 */
function isUserError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  return error instanceof CliFailure || error instanceof AppError || ['AppError', 'WorkspaceRefusedError'].includes(error.name);
}

/** Prints an error as the user should see it and returns the exit code. */
export function reportError(error: unknown, output: CliOutput): number {
  if (error instanceof UsageError) {
    output.err(`${error.message}\n\n${usage(error.command)}`);
    return 2;
  }
  if (isUserError(error)) {
    output.err(error.message);
    return 1;
  }
  output.err(`PlanDesk: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
}

// Core (TypeORM, every feature) takes a while to load: only a command that opens a workspace pays for it.
const loadCore = () => import('../core/app');

async function sample(values: ValuesOf<'sample'>, output: CliOutput): Promise<number> {
  if (fs.existsSync(values.out)) {
    if (!values.force) throw new CliFailure(`文件已存在：${values.out}（使用 --force 覆盖） / file exists: ${values.out} (use --force to overwrite)`);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(values.out + suffix, { force: true });
  }
  const { openWorkspace } = await loadCore();
  const { getWorkspaceInfo } = await import('../core/workspace/workspace-service');
  const ws = await openWorkspace(values.out, { createWithSample: true });
  try {
    const info = await getWorkspaceInfo(ws);
    output.out(
      `已创建示例工作区 / sample workspace written: ${ws.file} (${info.organisationName}, ${info.counts.units} units, ${info.counts.people} people, ${info.counts.cells} cells)`,
    );
    return 0;
  } finally {
    await ws.close();
  }
}

async function exportReport(values: ValuesOf<'export'>, output: CliOutput): Promise<number> {
  const file = values.workspace;
  if (!fs.existsSync(file)) throw new CliFailure(`无法打开工作区 / cannot open workspace ${file}: 文件不存在 / file not found`);
  const { openWorkspace, REPORTS } = await loadCore();
  const { renderReportFile } = await import('../core/reports/report-service');
  let ws: Awaited<ReturnType<typeof openWorkspace>>;
  try {
    ws = await openWorkspace(file);
  } catch (error) {
    if (isUserError(error)) throw error;
    throw new CliFailure(`无法打开工作区 / cannot open workspace ${file}: ${(error as Error).message}`);
  }
  // playwright-core takes seconds to load: only a PDF export pays for it.
  const printer = values.format === 'pdf' ? (await import('../core/reports/pdf')).createChromiumPdfPrinter() : undefined;
  try {
    const { bytes, pageCount } = await renderReportFile(ws, { printPdf: printer }, REPORTS[values.report as ReportId], values.format as ReportFormat, {
      yearMonth: values.month,
      year: values.year === undefined ? undefined : Number(values.year),
      scopeId: values.unit,
      period: values.period,
    });
    fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
    fs.writeFileSync(values.out, bytes);
    const pages = pageCount === null ? '' : `, ${pageCount} 页 / pages`;
    output.out(`已导出 / exported: ${path.resolve(values.out)} (${bytes.length} bytes${pages})`);
    return 0;
  } finally {
    await printer?.close();
    await ws.close();
  }
}

async function openForCli(file: string) {
  if (!fs.existsSync(file)) throw new CliFailure(`无法打开工作区 / cannot open workspace ${file}: 文件不存在 / file not found`);
  const { openWorkspace } = await loadCore();
  try {
    return await openWorkspace(file);
  } catch (error) {
    if (isUserError(error)) throw error;
    throw new CliFailure(`无法打开工作区 / cannot open workspace ${file}: ${(error as Error).message}`);
  }
}

async function exportTemplate(values: ValuesOf<'template'>, output: CliOutput): Promise<number> {
  const ws = await openForCli(values.workspace);
  try {
    const { createCaller } = await import('../core/dispatch');
    const call = createCaller(ws);
    const year = values.year === undefined ? (await call('workspace/get-info', {})).planYear : Number(values.year);
    const out = await call('targets/export-template', { year });
    const bytes = Buffer.from(out.base64 ?? '', 'base64');
    fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
    fs.writeFileSync(values.out, bytes);
    output.out(`已导出模板 / template exported: ${path.resolve(values.out)} (${bytes.length} bytes)`);
    return 0;
  } finally {
    await ws.close();
  }
}

async function importTemplate(values: ValuesOf<'import-template'>, output: CliOutput): Promise<number> {
  if (!fs.existsSync(values.file)) throw new CliFailure(`找不到模板文件 / template file not found: ${values.file}`);
  const ws = await openForCli(values.workspace);
  try {
    const { createCaller } = await import('../core/dispatch');
    const { TEMPLATE_REFUSAL_TEXT } = await import('../core/plan');
    const call = createCaller(ws);
    const year = values.year === undefined ? (await call('workspace/get-info', {})).planYear : Number(values.year);
    try {
      const result = await call('targets/import-template', { year, base64: fs.readFileSync(values.file).toString('base64') });
      output.out(`已导入模板 / template imported: ${result.saved + result.cleared} 个单元格已更新 / cells updated, ${result.unchanged} 未变 / unchanged`);
      return 0;
    } catch (error) {
      const details = error instanceof AppError && error.code === 'INVALID_CELLS' ? (error.details as { refusals?: TemplateRefusal[]; total?: number }) : null;
      if (!details?.refusals) throw error;
      output.err(`模板未导入，未写入任何数据 / template not imported, nothing written: ${details.total ?? details.refusals.length} 处错误 / refusals`);
      for (const r of details.refusals) {
        output.err(`  ${r.cell || '-'}\t${r.header}\t${JSON.stringify(r.value)}\t${TEMPLATE_REFUSAL_TEXT[r.reason]}`);
      }
      return 1;
    }
  } finally {
    await ws.close();
  }
}

/** `argv` without node and the script: `['export', '--workspace', …]`. */
export async function runCli(argv: readonly string[], output: CliOutput): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      output.err(usage());
      return 2;
    }
    if (command === 'help' || command === '--help' || command === '-h') {
      output.out(usage());
      return 0;
    }
    if (!isCommandName(command)) throw new UsageError(`未知命令 / unknown command: ${command}`);
    switch (command) {
      case 'sample':
        return await sample(parseOptions('sample', rest), output);
      case 'export':
        return await exportReport(parseOptions('export', rest), output);
      case 'template':
        return await exportTemplate(parseOptions('template', rest), output);
      case 'import-template':
        return await importTemplate(parseOptions('import-template', rest), output);
    }
  } catch (error) {
    return reportError(error, output);
  }
}
