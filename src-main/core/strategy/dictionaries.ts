/**
 * The dictionaries (客户与字典): customer classes in two levels, product classes with their
 * products, habit dimensions and key-account tiers. Stored rows hold entry ids, so a rename reaches
 * every table; an entry in use cannot be deleted or change level.
 */
import type { ChannelInput, ChannelOutput, DictionaryEntry, DictionaryName, HabitFields } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { HABIT_PAIRS, PRODUCT_NAME_FORBIDDEN } from '../../../src-shared/domain/strategy';
import type { Database } from '../db/port';
import type { Workspace } from '../workspace';
import { countCustomersWith } from './customer-store';
import { countChildEntries, deleteEntry, entryNameTaken, insertEntry, nextEntrySortOrder, readEntries, readEntry, updateEntry } from './dictionary-store';
import { countHabitRowsWithText, countProductMatches } from './month-store';
import { countExtensionUsesOfEntry } from './strategy-extensions';

/** Which dictionary an entry's parent must come from; absent: the entry has no parent. */
const PARENT_DICTIONARY: Partial<Record<DictionaryName, DictionaryName>> = {
  'customer-class': 'customer-class',
  product: 'product-class',
  'habit-dimension': 'habit-dimension',
};

export async function listDictionaries(ws: Workspace, dictionary?: DictionaryName): Promise<DictionaryEntry[]> {
  return readEntries(ws.db, dictionary);
}

function invalidEntry(field: string, reason: string): AppError {
  return new AppError('INVALID_INPUT', `Dictionary entry refused: ${field} ${reason}`, { issues: [{ path: field, message: reason }] });
}

/** A parent must exist in the dictionary the child's dictionary hangs under, and be a top-level entry. */
function checkParent(db: Database, dictionary: DictionaryName, parentId: string | null): void {
  const parentDictionary = PARENT_DICTIONARY[dictionary];
  if (parentId === null) {
    if (dictionary === 'product') throw invalidEntry('parentId', 'a product belongs to a product class');
    return;
  }
  const parent = readEntry(db, parentId);
  if (!parentDictionary || !parent || parent.dictionary !== parentDictionary || parent.parentId !== null) {
    throw invalidEntry('parentId', 'not a valid parent');
  }
}

/**
 * An entry may not hang under itself, and one in use may not change level: a 大类 with 小类 would
 * leave them two levels down, and customers, matched products or habit columns would be left
 * pointing at an entry of the wrong level.
 */
function checkMove(db: Database, existing: DictionaryEntry, parentId: string | null): void {
  if (parentId === existing.id) throw invalidEntry('parentId', 'an entry cannot be its own parent');
  const changesLevel = (existing.parentId === null) !== (parentId === null);
  if (changesLevel) {
    const uses = usesOfEntry(db, existing);
    if (uses > 0) throw invalidEntry('parentId', `cannot move between top level and child level while used in ${uses} places`);
  }
}

/** Adds an entry, or renames / moves / archives one. Stored rows hold ids, so a rename reaches them all. */
export async function saveDictionaryEntry(ws: Workspace, input: ChannelInput<'dictionaries/save-entry'>): Promise<DictionaryEntry> {
  const db = ws.db;
  const existing = input.id ? readEntry(db, input.id) : null;
  if (input.id && !existing) throw new AppError('NOT_FOUND', `Dictionary entry ${input.id} not found`, { id: input.id });
  if (existing && existing.dictionary !== input.dictionary) throw invalidEntry('dictionary', 'cannot change');
  const name = input.name.trim();
  if (input.dictionary === 'product' && PRODUCT_NAME_FORBIDDEN.test(name)) {
    throw invalidEntry('name', 'may not contain 、，,；; line breaks or brackets （）(): a matched-products cell splits on them');
  }
  const parentId = input.parentId === undefined ? (existing?.parentId ?? null) : input.parentId;
  if (existing) checkMove(db, existing, parentId);
  checkParent(db, input.dictionary, parentId);
  if (entryNameTaken(db, input.dictionary, parentId, name, existing?.id ?? null)) throw invalidEntry('name', 'duplicate');
  const archived = input.archived ?? existing?.archived ?? false;
  if (existing) {
    const saved = { ...existing, parentId, name, sortOrder: input.sortOrder ?? existing.sortOrder, archived };
    updateEntry(db, saved);
    ws.events.emit('strategy/changed', { what: 'dictionary', yearMonth: null });
    return saved;
  }
  const entry: DictionaryEntry = {
    id: ws.ctx.newId('d'),
    dictionary: input.dictionary,
    parentId,
    name,
    sortOrder: input.sortOrder ?? nextEntrySortOrder(db, input.dictionary, parentId),
    archived,
  };
  insertEntry(db, entry);
  ws.events.emit('strategy/changed', { what: 'dictionary', yearMonth: null });
  return entry;
}

/**
 * How many stored things point at an entry: child entries, customers, matched products, habit
 * cells, and what other features count through their extension (the screening: tier thresholds).
 */
function usesOfEntry(db: Database, entry: DictionaryEntry): number {
  let uses = countChildEntries(db, entry.id) + countExtensionUsesOfEntry(db, entry);
  if (entry.dictionary === 'customer-class') uses += countCustomersWith(db, 'class_id', entry.id);
  if (entry.dictionary === 'account-tier') uses += countCustomersWith(db, 'tier_id', entry.id);
  if (entry.dictionary === 'product') uses += countProductMatches(db, entry.id);
  if (entry.dictionary === 'habit-dimension') {
    // Built-in dimensions label fixed columns: every habit row with text in that column uses them.
    const field = habitFieldOf(entry.id);
    if (field) uses += countHabitRowsWithText(db, field);
  }
  return uses;
}

function habitFieldOf(entryId: string): keyof HabitFields | null {
  for (const pair of HABIT_PAIRS) {
    if (pair.dimensionId === entryId) return pair.habit;
    if (pair.adviceId === entryId) return pair.advice;
  }
  return null;
}

export async function deleteDictionaryEntry(ws: Workspace, id: string): Promise<ChannelOutput<'dictionaries/delete-entry'>> {
  const entry = readEntry(ws.db, id);
  if (!entry) throw new AppError('NOT_FOUND', `Dictionary entry ${id} not found`, { id });
  const count = usesOfEntry(ws.db, entry);
  if (count > 0) throw new AppError('IN_USE', `Dictionary entry ${id} is used in ${count} places`, { count });
  deleteEntry(ws.db, id);
  ws.events.emit('strategy/changed', { what: 'dictionary', yearMonth: null });
  return { deleted: true };
}
