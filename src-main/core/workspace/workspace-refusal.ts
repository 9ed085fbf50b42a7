/**
 * A file PlanDesk will not open, said in both languages with the file and the reason: the hosts
 * show the message as it is (the CLI prints it and exits 1, the web host and the desktop app
 * refuse to start on it). The file itself was not touched (db/inspect-file.ts).
 */
import type { FileRefusalReason } from '../db/inspect-file';

const REASONS: Record<FileRefusalReason, { zh: string; en: string }> = {
  empty: { zh: '文件是空的（0 字节）', en: 'the file is empty (0 bytes)' },
  'not-sqlite': { zh: '不是 PlanDesk 工作区（不是 SQLite 数据库文件）', en: 'it is not a PlanDesk workspace (not an SQLite database)' },
  corrupt: { zh: '文件已损坏（数据库完整性检查未通过）', en: 'the file is damaged (the database integrity check failed)' },
  foreign: { zh: '这是其他程序的数据库，不是 PlanDesk 工作区', en: "it is another program's database, not a PlanDesk workspace" },
  'newer-version': {
    zh: '该工作区由更新版本的 PlanDesk 保存，请升级后再打开',
    en: 'it was saved by a newer version of PlanDesk; update PlanDesk to open it',
  },
  unreadable: { zh: '文件无法读取', en: 'the file cannot be read' },
};

export class WorkspaceRefusedError extends Error {
  override readonly name = 'WorkspaceRefusedError';

  constructor(
    readonly file: string,
    readonly reasonCode: FileRefusalReason,
    /** What the check found, for logs (an integrity error, the unknown migrations …). */
    readonly detail: string,
  ) {
    const reason = REASONS[reasonCode];
    super(
      `工作区文件未打开：${file}——${reason.zh}。文件未做任何改动。\nThe workspace file was not opened: ${file} — ${reason.en}. The file was left unchanged.`,
    );
  }
}
