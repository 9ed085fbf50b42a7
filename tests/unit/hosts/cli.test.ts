/**
 * The CLI's exit codes and messages. Commands run in-process through runCli (the process
 * around it only maps the returned code to process.exit); one real process checks that wiring.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { reportError, runCli } from '../../../src-main/cli/run';
import { AppError } from '../../../src-shared/contract/errors';
import { openSampleWorkspace, tempDir } from '../helpers/workspace';

const ROOT = path.resolve(__dirname, '../../..');
const STACK_FRAME = /^\s+at /m;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** The options `help` shows for one command: its block runs from its synopsis line to the next blank line. */
function optionsInHelp(help: string, command: string): string[] {
  const start = help.indexOf(`npm run cli -- ${command} `);
  expect(start, `${command} is in help`).toBeGreaterThan(-1);
  const end = help.indexOf('\n\n', start);
  const block = help.slice(start, end === -1 ? undefined : end);
  return [...new Set([...block.matchAll(/--([a-z][\w-]*)/g)].map((m) => m[1]!))].sort();
}

describe('cli help', () => {
  it('lists every option of every command, on stdout with exit 0 for help, on stderr with exit 2 for nothing', async () => {
    const help = await cli('help');
    expect(help.code).toBe(0);
    expect(optionsInHelp(help.stdout, 'sample')).toEqual(['force', 'out']);
    expect(optionsInHelp(help.stdout, 'export')).toEqual(['format', 'month', 'out', 'period', 'report', 'unit', 'workspace', 'year']);
    for (const report of ['targets', 'strategy-demand', 'strategy-habit', 'strategy-screening', 'strategy-summary']) expect(help.stdout).toContain(report);
    expect((await cli('--help')).stdout).toBe(help.stdout);
    expect((await cli('-h')).stdout).toBe(help.stdout);

    const none = await cli();
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(help.stdout);
  });
});

describe('cli usage errors', () => {
  it('exit 2 with a bilingual message and the usage, for every kind of mistake', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'x.plandesk');
    const exp = ['--workspace', path.join(dir, 'w.plandesk'), '--out', path.join(dir, 'o.xlsx')];
    const cases: [string[], string][] = [
      [['nope'], '未知命令 / unknown command: nope'],
      [['sample', '--out', out, '--bogus'], '未知选项 / unknown option: --bogus'],
      [['export', '-x', ...exp, '--report', 'targets', '--format', 'xlsx'], '未知选项 / unknown option: -x'],
      [['sample'], '缺少参数 / missing: --out'],
      [['sample', '--out', ''], '缺少参数 / missing: --out'],
      [['export', '--report', 'targets'], '缺少参数 / missing: --workspace --format --out'],
      [['sample', '--out'], '--out 缺少取值 / --out needs a value'],
      [['sample', '--out', out, '--force=yes'], '--force 不带取值 / --force takes no value'],
      [['sample', 'extra', '--out', out], '多余的参数 / unexpected argument: extra'],
      [['export', ...exp, '--report', 'nope', '--format', 'xlsx'], '未知报表 / unknown report: nope'],
      [['export', ...exp, '--report', 'targets', '--format', 'doc'], '未知格式 / unknown format: doc'],
      [['export', ...exp, '--report', 'targets', '--format', 'xlsx', '--month', '2026-13'], '月份格式应为 YYYY-MM / --month must be YYYY-MM: 2026-13'],
      [['export', ...exp, '--report', 'targets', '--format', 'xlsx', '--year', '26'], '年度格式应为 YYYY / --year must be YYYY: 26'],
      [
        ['export', ...exp, '--report', 'evaluation', '--format', 'pdf', '--period', '2026-Q5'],
        '考核期间格式应为 YYYY-MM、YYYY-Qn 或 YYYY / --period must be YYYY-MM, YYYY-Qn or YYYY: 2026-Q5',
      ],
    ];
    for (const [argv, message] of cases) {
      const result = await cli(...argv);
      expect({ argv, code: result.code }).toEqual({ argv, code: 2 });
      expect(result.stderr.split('\n')[0], argv.join(' ')).toContain(message);
      expect(result.stderr, argv.join(' ')).toContain('用法 / usage:');
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(result.stdout).toBe('');
    }
    // Nothing was written by a refused command line.
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('cli failures', () => {
  it('prints a refused workspace file as its message only, exit 1, and leaves the file as it was', async () => {
    const dir = tempDir();
    const junk = path.join(dir, 'junk.plandesk');
    fs.writeFileSync(junk, 'not a database at all, just text');
    const empty = path.join(dir, 'empty.plandesk');
    fs.writeFileSync(empty, '');
    for (const [file, reason] of [
      [junk, 'not an SQLite database'],
      [empty, 'the file is empty'],
    ] as const) {
      const before = fs.readFileSync(file);
      const result = await cli('export', '--workspace', file, '--report', 'targets', '--format', 'xlsx', '--out', path.join(dir, 'o.xlsx'));
      expect(result.code).toBe(1);
      const lines = result.stderr.split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^工作区文件未打开：/);
      expect(lines[0]).toContain(file);
      expect(lines[1]).toMatch(/^The workspace file was not opened: /);
      expect(lines[1]).toContain(reason);
      expect(fs.readFileSync(file).equals(before)).toBe(true);
    }
    expect(fs.existsSync(path.join(dir, 'o.xlsx'))).toBe(false);
  });

  it('exit 1 for a missing workspace or an existing output file, with its own message', async () => {
    const dir = tempDir();
    const missing = await cli(
      'export',
      '--workspace',
      path.join(dir, 'none.plandesk'),
      '--report',
      'targets',
      '--format',
      'xlsx',
      '--out',
      path.join(dir, 'o.xlsx'),
    );
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toBe(`无法打开工作区 / cannot open workspace ${path.join(dir, 'none.plandesk')}: 文件不存在 / file not found`);

    const existing = path.join(dir, 'w.plandesk');
    fs.writeFileSync(existing, 'keep me');
    const refused = await cli('sample', '--out', existing);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('文件已存在');
    expect(refused.stderr).toContain('--force');
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');
  });

  it('prints an AppError or a WorkspaceRefusedError by its message alone; anything else as one line, never a stack', () => {
    const printed: string[] = [];
    const output = { out: (text: string) => printed.push(text), err: (text: string) => printed.push(text) };
    expect(reportError(new AppError('UNAVAILABLE', 'This host cannot print PDF'), output)).toBe(1);
    const refusal = Object.assign(new Error('工作区文件未打开：w.plandesk\nThe workspace file was not opened: w.plandesk'), {
      name: 'WorkspaceRefusedError',
      reasonCode: 'corrupt',
    });
    expect(reportError(refusal, output)).toBe(1);
    expect(reportError(new TypeError('boom'), output)).toBe(1);
    expect(reportError('a string', output)).toBe(1);
    expect(printed).toEqual([
      'This host cannot print PDF',
      '工作区文件未打开：w.plandesk\nThe workspace file was not opened: w.plandesk',
      'PlanDesk: boom',
      'PlanDesk: a string',
    ]);
  });

  it('exports from a workspace file (exit 0)', async () => {
    const ws = await openSampleWorkspace();
    await ws.close();
    const out = path.join(tempDir(), 'out', 'targets.xlsx');
    const result = await cli('export', '--workspace', ws.file, '--report', 'targets', '--format', 'xlsx', '--out', out);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(out);
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
  });
});

describe('the cli process', () => {
  it('exits with the code and prints only the message, as npm run cli runs it', async () => {
    const junk = path.join(tempDir(), 'junk.plandesk');
    fs.writeFileSync(junk, 'not a database at all, just text');
    const result = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src-main/cli/main.ts', 'export', '--workspace', junk, '--report', 'targets', '--format', 'xlsx', '--out', `${junk}.xlsx`],
      { cwd: ROOT },
    ).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^工作区文件未打开：.*\nThe workspace file was not opened: .*\n$/);
  }, 30_000);
});
