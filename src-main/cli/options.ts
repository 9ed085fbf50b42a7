/**
 * The CLI's commands and their options, declared once: `help` is printed from this table and each
 * command's arguments are parsed from it (node:util parseArgs, strict), so an option cannot be
 * accepted without being listed, or listed without being accepted. Loads no part of core, so a
 * usage error or `help` answers at once.
 */
import { parseArgs } from 'node:util';
import { REPORT_FORMATS, REPORT_IDS } from '../../src-shared/contract/reports';

interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** The value's placeholder in help (string options). */
  readonly value?: string;
  readonly required?: boolean;
  /** 中文 / English. */
  readonly help: string;
  /** The values it takes (checked, and listed in help), and what to call a value outside them. */
  readonly choices?: readonly string[];
  readonly unknown?: string;
  /** The form a value must have, and the message when it has not. */
  readonly pattern?: RegExp;
  readonly malformed?: string;
}

interface CommandSpec {
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
}

/** A mistake in the command line: exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    /** The command whose usage to show with the message. */
    readonly command?: CommandName,
  ) {
    super(message);
  }
}

/** --year of the template commands: the workspace's plan year when left out. */
const TEMPLATE_YEAR = {
  type: 'string',
  value: 'YYYY',
  help: '年度，默认为计划年度 / the year, the plan year by default',
  pattern: /^\d{4}$/,
  malformed: '年度格式应为 YYYY / --year must be YYYY',
} as const;

export const COMMANDS = {
  sample: {
    summary: '创建示例工作区 / write a new sample workspace',
    options: {
      out: { type: 'string', value: 'FILE', required: true, help: '要创建的工作区文件 / the workspace file to create' },
      force: { type: 'boolean', help: '覆盖已有的文件 / overwrite the file if it exists' },
    },
  },
  export: {
    summary: '导出报表 / export a report',
    options: {
      workspace: { type: 'string', value: 'FILE', required: true, help: '工作区文件 / the workspace file' },
      report: { type: 'string', value: 'REPORT', required: true, help: '报表 / the report', choices: REPORT_IDS, unknown: '未知报表 / unknown report' },
      format: {
        type: 'string',
        value: 'pdf|xlsx|docx',
        required: true,
        help: '格式（docx 仅限工作计划）/ the format (docx: the work plan only)',
        choices: REPORT_FORMATS,
        unknown: '未知格式 / unknown format',
      },
      out: { type: 'string', value: 'PATH', required: true, help: '输出文件 / the file to write' },
      month: {
        type: 'string',
        value: 'YYYY-MM',
        help: '月份，默认为本月 / the month, this month by default',
        pattern: /^\d{4}-(0[1-9]|1[0-2])$/,
        malformed: '月份格式应为 YYYY-MM / --month must be YYYY-MM',
      },
      period: {
        type: 'string',
        value: 'YYYY-MM|YYYY-Qn|YYYY',
        help: '绩效考核表的考核期间：月、季度或年度，默认为 --month / the evaluation period: a month, a quarter or a year (default: --month)',
        pattern: /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/,
        malformed: '考核期间格式应为 YYYY-MM、YYYY-Qn 或 YYYY / --period must be YYYY-MM, YYYY-Qn or YYYY',
      },
      year: {
        type: 'string',
        value: 'YYYY',
        help: '年度，默认为今年 / the year, this year by default',
        pattern: /^\d{4}$/,
        malformed: '年度格式应为 YYYY / --year must be YYYY',
      },
      unit: {
        type: 'string',
        value: 'UNIT',
        help: "单位：工作计划和绩效考核表按名称或编号，默认为公司；备货计划按门店编号 / the unit: the work plan's and the evaluation's by name or id (the company by default), the stocking plan's store by id",
      },
    },
  },
  template: {
    summary: '导出年度目标模板 / export the 年度目标 template (XLSX)',
    options: {
      workspace: { type: 'string', value: 'FILE', required: true, help: '工作区文件 / the workspace file' },
      out: { type: 'string', value: 'PATH', required: true, help: '输出文件 / the file to write' },
      year: TEMPLATE_YEAR,
    },
  },
  'import-template': {
    summary: '导入填写好的年度目标模板 / import a filled-in 年度目标 template',
    options: {
      workspace: { type: 'string', value: 'FILE', required: true, help: '工作区文件 / the workspace file' },
      file: { type: 'string', value: 'PATH', required: true, help: '模板文件 / the template file' },
      year: TEMPLATE_YEAR,
    },
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export function isCommandName(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMANDS, name);
}

type OptionsOf<C extends CommandName> = (typeof COMMANDS)[C]['options'];
/** What a command receives: required strings are there, optional ones may not be, booleans are false when absent. */
export type ValuesOf<C extends CommandName> = {
  -readonly [K in keyof OptionsOf<C>]: OptionsOf<C>[K] extends { type: 'boolean' }
    ? boolean
    : OptionsOf<C>[K] extends { required: true }
      ? string
      : string | undefined;
};

function synopsis(name: CommandName): string {
  const parts = Object.entries(COMMANDS[name].options as Record<string, OptionSpec>).map(([option, spec]) => {
    const text = spec.value ? `--${option} ${spec.value}` : `--${option}`;
    return spec.required ? text : `[${text}]`;
  });
  return `npm run cli -- ${name} ${parts.join(' ')}`;
}

function commandUsage(name: CommandName): string {
  const options = Object.entries(COMMANDS[name].options as Record<string, OptionSpec>);
  const labels = options.map(([option, spec]) => (spec.value ? `--${option} ${spec.value}` : `--${option}`));
  const width = Math.min(Math.max(...labels.map((label) => label.length)), 28);
  const lines = options.map(([, spec], i) => {
    const label = labels[i]!;
    const help = spec.choices && spec.value !== spec.choices.join('|') ? `${spec.help}: ${spec.choices.join(', ')}` : spec.help;
    return label.length > width ? `      ${label}\n      ${' '.repeat(width)}  ${help}` : `      ${label.padEnd(width)}  ${help}`;
  });
  return [`  ${synopsis(name)}`, `      ${COMMANDS[name].summary}`, ...lines].join('\n');
}

/** Every command with every option; one command's part when `command` is given. */
export function usage(command?: CommandName): string {
  if (command) return `用法 / usage:\n${commandUsage(command)}`;
  const names = Object.keys(COMMANDS) as CommandName[];
  return [
    '用法 / usage: npm run cli -- <命令 / command> [选项 / options]',
    '',
    ...names.map((name) => `${commandUsage(name)}\n`),
    '  npm run cli -- help',
    '      显示本帮助 / show this help',
    '',
    '退出码 / exit codes: 0 成功 / success, 1 失败 / failure, 2 用法错误 / usage error',
  ].join('\n');
}

/** parseArgs' own errors, in both languages and without its advice about positionals. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'(?:-\w, )?(--?[\w-]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `未知选项 / unknown option: ${option}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const value = /argument '([^']*)'/.exec(message)?.[1] ?? message;
    return `多余的参数 / unexpected argument: ${value}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing/.test(message)) return `${option} 缺少取值 / ${option} needs a value`;
    if (/does not take an argument/.test(message)) return `${option} 不带取值 / ${option} takes no value`;
  }
  return `参数有误 / invalid arguments: ${message}`;
}

/** The command's options, checked: throws a UsageError for anything unknown, missing or malformed. */
export function parseOptions<C extends CommandName>(command: C, args: string[]): ValuesOf<C> {
  const specs = COMMANDS[command].options as Record<string, OptionSpec>;
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      options: Object.fromEntries(Object.entries(specs).map(([option, spec]) => [option, { type: spec.type }])),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(describeParseError(error), command);
  }
  const missing = Object.entries(specs)
    .filter(([option, spec]) => spec.required && (values[option] === undefined || values[option] === ''))
    .map(([option]) => `--${option}`);
  if (missing.length > 0) throw new UsageError(`缺少参数 / missing: ${missing.join(' ')}`, command);
  for (const [option, spec] of Object.entries(specs)) {
    const value = values[option];
    if (spec.type === 'boolean') values[option] = value === true;
    else if (typeof value === 'string') {
      if (spec.choices && !spec.choices.includes(value)) {
        throw new UsageError(`${spec.unknown ?? `--${option}`}: ${value}（可用 / available: ${spec.choices.join(', ')}）`, command);
      }
      if (spec.pattern && !spec.pattern.test(value)) throw new UsageError(`${spec.malformed ?? `--${option}`}: ${value}`, command);
    }
  }
  return values as ValuesOf<C>;
}
