/**
 * The strategy tables as found in use (issue 11 §7): the exported table lists the customers still
 * due with blank lines, and works as an offline template; an empty row is never reviewed; 待填客户
 * says which table is open; 片区汇总 names each unit with its branch.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import { AppError } from '../../../src-shared/contract/errors';
import { sampleWorkspacePerTest } from '../helpers/workspace';
import { COL, edit, exportFile, importFile, MONTH, rowNumberOf, snapshot } from './strategy-import-helpers';

const openTestWorkspace = sampleWorkspacePerTest();

async function setup() {
  const ws = await openTestWorkspace();
  return { ws, call: createCaller(ws), db: ws.db };
}
type Call = Awaited<ReturnType<typeof setup>>['call'];

const EMPTY_NEEDS = { urgentPoint: '', demandPlan: '', potentialPlan: '', guidedNeed: '', products: [] };

/** A customer due this month who has no demand row yet (one is made so if the sample has none). */
async function customerWithoutDemandRow(call: Call): Promise<{ customerId: string; name: string }> {
  const month = await call('strategy/get-month', { yearMonth: MONTH });
  const filled = new Set(month.demandRows.map((r) => r.customerId));
  const due = (await call('strategy/list-due', { yearMonth: MONTH })).find((d) => d.reasons.includes('missing') && !filled.has(d.customerId));
  if (due) return due;
  const customer = (await call('customers/list', {})).find((c) => c.status === 'signed' && !filled.has(c.id));
  if (!customer) throw new Error('the sample has no signed customer without a demand row');
  return { customerId: customer.id, name: customer.name };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('the exported monthly table as an offline template', () => {
  it('lists a due customer without a row as a blank 未填写 line, which an import leaves unfilled', async () => {
    const { call, db } = await setup();
    const due = await customerWithoutDemandRow(call);
    const bytes = await exportFile(call, 'strategy-demand');
    let line = 0;
    await edit(bytes, (sheet) => {
      line = rowNumberOf(sheet, COL.customer, due.name);
      expect(sheet.getRow(line).getCell(COL.urgent).text).toBe('');
      const cells = sheet.getRow(line).values as unknown[];
      expect(cells).toContain('未填写');
    });
    expect(line).toBeGreaterThan(0);

    // Imported untouched: the blank line writes nothing, and the customer is still due.
    const before = snapshot(db);
    expect((await importFile(call, 'demand', bytes)).changed).toBe(0);
    expect(snapshot(db)).toBe(before);
    expect((await call('strategy/list-due', { yearMonth: MONTH })).some((d) => d.customerId === due.customerId)).toBe(true);

    // Filled in offline and imported: the row is written, reviewed, and the customer's demand table is done.
    const filledIn = await edit(bytes, (sheet) => {
      sheet.getRow(rowNumberOf(sheet, COL.customer, due.name)).getCell(COL.urgent).value = '门店排队时间长';
    });
    expect((await importFile(call, 'demand', filledIn)).changed).toBe(1);
    const row = (await call('strategy/get-month', { yearMonth: MONTH })).demandRows.find((r) => r.customerId === due.customerId);
    expect(row).toMatchObject({ urgentPoint: '门店排队时间长', reviewed: true });
    const stillDue = (await call('strategy/list-due', { yearMonth: MONTH })).find((d) => d.customerId === due.customerId);
    expect(stillDue?.openTables ?? []).not.toContain('demand');
  });
});

describe('the blank lines of an exported table', () => {
  it('are passed over on import even when their customer was re-classed since', async () => {
    const { call, db } = await setup();
    const due = await customerWithoutDemandRow(call);
    const bytes = await exportFile(call, 'strategy-demand');
    const customer = (await call('customers/list', {})).find((c) => c.id === due.customerId)!;
    const otherClass = (await call('dictionaries/list', { dictionary: 'customer-class' })).find((e) => e.parentId !== null && e.id !== customer.classId)!;
    await call('customers/save', { ...customer, classId: otherClass.id });
    const before = snapshot(db);
    expect((await importFile(call, 'demand', bytes)).changed).toBe(0);
    expect(snapshot(db)).toBe(before);
  });
});

describe('an empty row is never reviewed', () => {
  it('refuses 确认无变化 of an empty row, and keeps an emptied row to review', async () => {
    const { call, db } = await setup();
    const due = await customerWithoutDemandRow(call);
    const before = snapshot(db);
    const error = await refusal(call('strategy/save-demand-row', { yearMonth: MONTH, customerId: due.customerId, reviewed: true, ...EMPTY_NEEDS }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toMatchObject({ reason: 'empty-row', customerId: due.customerId });
    expect(snapshot(db)).toBe(before);

    // A filled row reviewed, then emptied by an edit: stored, but back to 待复核.
    await call('strategy/save-demand-row', { yearMonth: MONTH, customerId: due.customerId, ...EMPTY_NEEDS, urgentPoint: '需要专线' });
    const emptied = await call('strategy/save-demand-row', { yearMonth: MONTH, customerId: due.customerId, ...EMPTY_NEEDS });
    expect(emptied.row.reviewed).toBe(false);
    expect((await call('strategy/list-due', { yearMonth: MONTH })).find((d) => d.customerId === due.customerId)?.reasons).toContain('not-reviewed');

    const habit = await refusal(
      call('strategy/save-habit-row', {
        yearMonth: MONTH,
        customerId: due.customerId,
        reviewed: true,
        touchHabit: ' ',
        mediaAdvice: '',
        cognitionHabit: '',
        messageAdvice: '',
        purchaseHabit: '',
        promotionAdvice: '',
        recognitionHabit: '',
        serviceAdvice: '\r\n',
      }),
    );
    expect(habit.details).toMatchObject({ reason: 'empty-row' });
  });
});

describe('待填客户 names the open tables', () => {
  it('lists demand and habit while neither is done, and only habit once demand is reviewed', async () => {
    const { call } = await setup();
    const due = await customerWithoutDemandRow(call);
    const habitRows = (await call('strategy/get-month', { yearMonth: MONTH })).habitRows;
    const habitDone = habitRows.find((r) => r.customerId === due.customerId)?.reviewed === true;
    const open = async () => (await call('strategy/list-due', { yearMonth: MONTH })).find((d) => d.customerId === due.customerId)?.openTables;
    expect(await open()).toEqual(habitDone ? ['demand'] : ['demand', 'habit']);
    await call('strategy/save-demand-row', { yearMonth: MONTH, customerId: due.customerId, ...EMPTY_NEEDS, urgentPoint: '需要专线' });
    expect(await open()).toEqual(habitDone ? undefined : ['habit']);
  });
});

describe('account managers who have left', () => {
  it('keeps a customer with the manager it had, and refuses to give a customer to one who has left', async () => {
    const { ws, call } = await setup();
    const today = ws.ctx.clock().toISOString().slice(0, 10);
    const customers = await call('customers/list', {});
    const kept = customers[0];
    await call('org/retire', { id: kept.managerId, effectiveFrom: today });

    // The customer's own manager stays valid on an edit of something else.
    const renamed = await call('customers/save', { ...kept, name: `${kept.name}（续）` });
    expect(renamed.managerId).toBe(kept.managerId);

    // Another customer cannot be handed to them.
    const other = customers.find((c) => c.managerId !== kept.managerId)!;
    const error = await refusal(call('customers/save', { ...other, managerId: kept.managerId }));
    expect(error.code).toBe('INVALID_INPUT');
    expect((error.details as { issues: Array<{ path: string }> }).issues.map((i) => i.path)).toEqual(['managerId']);
    expect((await call('customers/list', {})).find((c) => c.id === other.id)!.managerId).toBe(other.managerId);
  });
});
