/**
 * `npm run cli -- <command> [options]`. Commands:
 *   sample --out FILE    write a new sample workspace (refuses to overwrite an existing file)
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { getWorkspaceInfo } from '../core/services/workspace-service';
import { openWorkspace } from '../core/workspace';

const USAGE = `用法 / usage:
  npm run cli -- sample --out FILE    创建示例工作区 / write a new sample workspace`;

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

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'sample':
      return sample(rest);
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
