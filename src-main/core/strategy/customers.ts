/** Customers (客户单位): each with its class, tier, unit, account manager and status. */
import type { ChannelInput, Customer } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { localDay } from '../../../src-shared/domain/strategy';
import type { Database } from '../db/port';
import { readOrg } from '../org';
import type { Workspace } from '../workspace';
import { insertCustomer, readCustomer, readCustomerNames, readCustomers, updateCustomer, type CustomerRecord } from './customer-store';
import { readEntry } from './dictionary-store';

export async function listCustomers(ws: Workspace, managerId?: string): Promise<Customer[]> {
  return readCustomers(ws.db, managerId);
}

export function requireCustomer(db: Database, customerId: string): CustomerRecord {
  const customer = readCustomer(db, customerId);
  if (!customer) throw new AppError('NOT_FOUND', `Customer ${customerId} not found`, { customerId });
  return customer;
}

interface FieldIssue {
  path: string;
  message: string;
}

/**
 * Customers are found by name (the XLSX importer, people reading a table), so two names that
 * differ only in case or spacing would be the same customer twice.
 */
function customerNameKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

/** Each reference a customer holds must point at the right kind of thing; an archived entry only if it is already the customer's. */
function customerIssues(db: Database, input: ChannelInput<'customers/save'>, existing: Customer | null, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const cls = readEntry(db, input.classId);
  if (!cls || cls.dictionary !== 'customer-class') issues.push({ path: 'classId', message: 'not a customer class' });
  else if (cls.parentId === null) issues.push({ path: 'classId', message: 'a customer is classed by a sub-class (小类), not a top class (大类)' });
  else if (cls.archived && cls.id !== existing?.classId) issues.push({ path: 'classId', message: 'archived' });
  if (input.tierId !== null) {
    const tier = readEntry(db, input.tierId);
    if (!tier || tier.dictionary !== 'account-tier') issues.push({ path: 'tierId', message: 'not an account tier' });
    else if (tier.archived && tier.id !== existing?.tierId) issues.push({ path: 'tierId', message: 'archived' });
  }
  const org = readOrg(db);
  if (!org.units.some((u) => u.id === input.unitId)) issues.push({ path: 'unitId', message: 'not an organisation unit' });
  const manager = org.people.find((p) => p.id === input.managerId);
  if (!manager) issues.push({ path: 'managerId', message: 'not a person' });
  // A customer keeps the manager it has after they leave (its history names them), but is not given to one who has left.
  else if (manager.retiredFrom && manager.retiredFrom <= today && manager.id !== existing?.managerId)
    issues.push({ path: 'managerId', message: `left on ${manager.retiredFrom}` });
  const key = customerNameKey(input.name);
  const clash = readCustomerNames(db, existing?.id ?? null).find((c) => customerNameKey(c.name) === key);
  if (clash) issues.push({ path: 'name', message: `duplicate of customer ${clash.name}` });
  return issues;
}

/**
 * Adds a customer or edits one. The status date moves to today (the local day: months are the
 * user's months) on creation and whenever the status changes, which is what makes a newly signed
 * or targeted customer due at once.
 */
export async function saveCustomer(ws: Workspace, input: ChannelInput<'customers/save'>): Promise<Customer> {
  const existing = input.id ? requireCustomer(ws.db, input.id) : null;
  const today = localDay(ws.ctx.clock());
  const issues = customerIssues(ws.db, input, existing, today);
  if (issues.length > 0) {
    throw new AppError('INVALID_INPUT', `Customer refused: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, { issues });
  }
  const customer: CustomerRecord = {
    id: existing?.id ?? ws.ctx.newId('c'),
    name: input.name.trim(),
    classId: input.classId,
    tierId: input.tierId,
    unitId: input.unitId,
    managerId: input.managerId,
    status: input.status,
    statusChangedOn: existing && existing.status === input.status ? existing.statusChangedOn : today,
  };
  if (existing) updateCustomer(ws.db, customer);
  else insertCustomer(ws.db, customer);
  ws.events.emit('strategy/changed', { what: 'customer', yearMonth: null });
  return customer;
}
