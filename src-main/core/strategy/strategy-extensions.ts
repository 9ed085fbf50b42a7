/**
 * What other features plug into strategy. The screening feature builds on strategy's customers
 * and dictionaries (it imports strategy's index), so strategy cannot import screening back: the two
 * places where strategy needs the screening — the 'screening' table of its XLSX import channel, and
 * counting a tier's thresholds before a dictionary entry is deleted — are hooks that the app
 * (core/app.ts) fills with screening's when it assembles the features. They are read at call time, so load order does not matter.
 */
import type ExcelJS from 'exceljs';
import type { ChannelInput, ChannelOutput, DictionaryEntry } from '../../../src-shared/contract/channels';
import type { Database } from '../db/port';
import type { Workspace } from '../workspace';

type ImportInput = ChannelInput<'strategy/import-xlsx'>;
type ImportOutput = ChannelOutput<'strategy/import-xlsx'>;

export interface StrategyExtension {
  /** Reads table 'screening' of strategy/import-xlsx from the workbook the channel opened. */
  importScreeningTable?: (ws: Workspace, workbook: ExcelJS.Workbook, input: ImportInput) => Promise<ImportOutput>;
  /** How many of the extension's rows point at a dictionary entry (it cannot be deleted or change level while used). */
  countEntryUses?: (db: Database, entry: DictionaryEntry) => number;
}

/** By the extending feature's name, so loading its module twice registers it once. */
const extensions = new Map<string, StrategyExtension>();

export function extendStrategy(featureName: string, extension: StrategyExtension): void {
  extensions.set(featureName, extension);
}

export function screeningTableImporter(): NonNullable<StrategyExtension['importScreeningTable']> {
  for (const extension of extensions.values()) if (extension.importScreeningTable) return extension.importScreeningTable;
  throw new Error('No feature imports the screening table (the screening feature is not loaded)');
}

export function countExtensionUsesOfEntry(db: Database, entry: DictionaryEntry): number {
  let uses = 0;
  for (const extension of extensions.values()) uses += extension.countEntryUses?.(db, entry) ?? 0;
  return uses;
}
