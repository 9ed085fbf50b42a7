/**
 * `npm run cli -- <command> [options]`; `npm run cli -- help` lists every command and option
 * (options.ts). The commands themselves are in run.ts.
 */
import { reportError, runCli, type CliOutput } from './run';

const output: CliOutput = { out: (text) => console.log(text), err: (text) => console.error(text) };

process.env.PLANDESK_QUIET = '1';
runCli(process.argv.slice(2), output).then(
  (code) => process.exit(code),
  (error: unknown) => process.exit(reportError(error, output)),
);
