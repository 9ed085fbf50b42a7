/**
 * A bounded fuzz of every channel over real HTTP: for each channel in the contract, an input
 * built from its schema with the sample workspace's real ids, then mutations of it (wrong types,
 * missing fields, huge numbers, NaN-like and full-width strings, impossible dates, deep nesting,
 * random bytes, not JSON at all). Seeded, so a failure repeats; PLANDESK_FUZZ_SEED picks another
 * seed. No answer may be a 5xx (503 UNAVAILABLE, a PDF asked of a host without a printer, is the
 * host's honest answer and counted apart), every answer is the contract's envelope, a refused
 * call leaves the database untouched, and the host still serves afterwards.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_NAMES, channels, type ChannelName } from '../../../src-shared/contract/channels';
import { API_HEADERS, callApi, request, webHostPerTest, type RunningHost } from './web-host-helpers';

const SEED = Number(process.env.PLANDESK_FUZZ_SEED ?? 20_261_126);
const MUTATIONS_PER_CHANNEL = 20;

const startHost = webHostPerTest();

/**
 * 5xx answers the fuzz found whose fix lies outside the web host and the contract files it may
 * change: counted and printed apart, not failed on, and each replayed to prove it still happens,
 * so an entry is removed when its fix lands.
 */
const KNOWN_FINDINGS: Array<{ channel: ChannelName; input: unknown; code: string; matches: (input: unknown) => boolean; why: string }> = [];

/** mulberry32: small, seeded, good enough to pick mutations. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  anyOf?: JsonSchema[];
  enum?: Json[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

/** Real ids of the sample workspace, by the field names the contract gives them. */
async function idPools(port: number): Promise<Record<string, string[]>> {
  const data = async <T>(channel: ChannelName, input: unknown) => (await callApi(port, channel, input)).json.data as T;
  const org = await data<{ units: Array<{ id: string }>; people: Array<{ id: string }> }>('org/list-tree', {});
  const metrics = await data<Array<{ id: string }>>('metrics/list', {});
  const customers = await data<Array<{ id: string }>>('customers/list', {});
  const entries = await data<Array<{ id: string; dictionary: string }>>('dictionaries/list', {});
  const screening = await data<{ indicators: Array<{ id: string }>; tiers: Array<{ tierId: string }> }>('screening/get-year', { year: 2026 });
  // The import gets a real file of its own table, exported by the app, so mutations reach its reader.
  const exported = await data<{ base64: string }>('reports/export', { report: 'strategy-demand', format: 'xlsx', jobId: 'fuzz-export', yearMonth: '2026-11' });
  const dictionary = (name: string) => entries.filter((e) => e.dictionary === name).map((e) => e.id);
  const units = org.units.map((u) => u.id);
  const people = org.people.map((p) => p.id);
  return {
    metricId: metrics.map((m) => m.id),
    subjectId: [...units, ...people],
    unitId: units,
    managerId: people,
    areaManagerId: people,
    scopeId: people,
    customerId: customers.map((c) => c.id),
    customerIds: customers.map((c) => c.id),
    classId: dictionary('customer-class'),
    tierId: screening.tiers.map((t) => t.tierId),
    productId: dictionary('product'),
    parentId: entries.map((e) => e.id),
    indicatorId: screening.indicators.map((i) => i.id),
    id: [...entries.map((e) => e.id), ...screening.indicators.map((i) => i.id), ...customers.map((c) => c.id)],
    jobId: ['fuzz-job'],
    base64: [exported.base64],
  };
}

/** Valid values for the contract's patterned strings, and values that match the pattern's shape yet name no real period. */
const PATTERNED: Record<string, { valid: string[]; edge: string[] }> = {
  '^\\d{4}-(0[1-9]|1[0-2])$': { valid: ['2026-11', '2026-01'], edge: ['1999-12', '9999-12', '0000-01', '1000-01', '2000-01', '2101-01'] },
  '^(total|\\d{4}(-Q[1-4]|-W\\d{2}|-\\d{2}(-\\d{2})?)?)$': {
    valid: ['total', '2026', '2026-Q2', '2026-03', '2026-03-02', '2026-W10'],
    edge: ['2026-W00', '2026-W54', '2026-W99', '2026-13', '2026-00', '2026-02-30', '2026-04-31', '1999', '2025-03', '0000-00-00'],
  },
  '^\\d{4}-\\d{2}-\\d{2}$': {
    valid: ['2026-11-20', '2026-03-02'],
    edge: ['2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '0000-00-00', '9999-99-99', '1000-01-01', '2025-12-31', '2027-01-01'],
  },
};

const HOSTILE_STRINGS = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x1F',
  '１２３',
  '١٢٣',
  '1,234.5',
  '12.3456789012',
  '9'.repeat(64),
  '-' + '9'.repeat(63),
  '\u0000',
  '\ud800',
  '😀',
  "'; DROP TABLE customer; --",
  '../../etc/passwd',
  '2026-02-30',
  'x'.repeat(5_000),
];
const HOSTILE_NUMBERS = [0, -1, 0.5, -0.5, 1e308, -1e308, 2 ** 53, -(2 ** 53), 2 ** 31, 1e-300, 1999, 2101];
const WRONG_TYPES: Json[] = [null, true, 0, 'x', [], {}, [null], { nested: { deeper: [1, 'a'] } }];
const DEEP_MARK = '\u0001deep\u0001';

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

/** A value the schema accepts, with real ids where the field names one. */
function baseValue(schema: JsonSchema, key: string, pools: Record<string, string[]>, random: () => number): Json {
  if (schema.anyOf) return baseValue(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0], key, pools, random);
  if (schema.enum) return pick(random, schema.enum);
  switch (schema.type) {
    case 'object': {
      const value: Record<string, Json> = {};
      for (const name of schema.required ?? []) value[name] = baseValue(schema.properties![name], name, pools, random);
      return value;
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => baseValue(schema.items ?? {}, key, pools, random));
    case 'string': {
      if (schema.pattern) return pick(random, PATTERNED[schema.pattern]?.valid ?? ['x']);
      if (pools[key]) return pick(random, pools[key]);
      if (key === 'text') return pick(random, ['123', '45.6', '0']);
      return '测试 fuzz';
    }
    case 'integer':
    case 'number':
      if (key === 'year') return 2026;
      return Math.max(schema.minimum ?? 0, Math.min(schema.maximum ?? 100, 10));
    case 'boolean':
      return random() < 0.5;
    case 'null':
      return null;
    default:
      return null;
  }
}

/** Every path into a value (objects and arrays), with the schema found there. */
function leaves(
  value: Json,
  schema: JsonSchema | undefined,
  at: Array<string | number> = [],
): Array<{ path: Array<string | number>; schema: JsonSchema | undefined }> {
  const found: Array<{ path: Array<string | number>; schema: JsonSchema | undefined }> = at.length > 0 ? [{ path: at, schema }] : [];
  const inner = schema?.anyOf?.find((s) => s.type !== 'null') ?? schema;
  if (Array.isArray(value)) value.forEach((item, i) => found.push(...leaves(item, inner?.items, [...at, i])));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) found.push(...leaves(v, inner?.properties?.[k], [...at, k]));
  return found;
}

function withValueAt(value: Json, path: Array<string | number>, replacement: Json | undefined): Json {
  const copy = structuredClone(value);
  let parent = copy as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

/** One mutated request body for a channel: text, as it goes on the wire. */
function mutate(base: Json, schema: JsonSchema, pools: Record<string, string[]>, random: () => number): { kind: string; body: string | Buffer } {
  const paths = leaves(base, schema);
  const somePath = () => pick(random, paths);
  const kinds = [
    'corrupt-file',
    'bytes',
    'not-json',
    'top-level',
    'drop-field',
    'wrong-type',
    'hostile-string',
    'hostile-number',
    'patterned-edge',
    'deep',
    'extra-fields',
    'optional-fields',
    'valid',
    'long-array',
  ];
  const kind = pick(random, kinds);
  switch (kind) {
    case 'corrupt-file': {
      const file = paths.find((p) => p.path[p.path.length - 1] === 'base64');
      if (!file) return { kind: 'valid', body: JSON.stringify(base) };
      const bytes = Buffer.from(pools.base64[0], 'base64');
      const broken = random() < 0.5 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : Buffer.from(bytes);
      if (broken.length === bytes.length) for (let n = 0; n < 20; n++) broken[Math.floor(random() * broken.length)] = Math.floor(random() * 256);
      return { kind, body: JSON.stringify(withValueAt(base, file.path, broken.toString('base64') || 'AA==')) };
    }
    case 'bytes':
      return { kind, body: Buffer.from(Array.from({ length: 1 + Math.floor(random() * 512) }, () => Math.floor(random() * 256))) };
    case 'not-json':
      return { kind, body: pick(random, ['{', '{"year":', 'undefined', 'NaN', "{'a':1}", '[1,2,,]', '\u0000', '{"a":1}{"b":2}', '<xml/>']) };
    case 'top-level':
      return { kind, body: JSON.stringify(pick(random, [null, 42, 'x', [], true, [base]])) };
    case 'drop-field':
      return { kind, body: JSON.stringify(paths.length ? withValueAt(base, somePath().path, undefined) : base) };
    case 'wrong-type':
      return { kind, body: JSON.stringify(paths.length ? withValueAt(base, somePath().path, pick(random, WRONG_TYPES)) : pick(random, WRONG_TYPES)) };
    case 'hostile-string': {
      const strings = paths.filter((p) => typeof p.schema?.type === 'string' || p.schema?.anyOf);
      return {
        kind,
        body: JSON.stringify(
          withValueAt(
            base,
            pick(random, strings.length ? strings : paths.length ? paths : [{ path: ['x'], schema: undefined }]).path,
            pick(random, HOSTILE_STRINGS),
          ),
        ),
      };
    }
    case 'hostile-number': {
      const numbers = paths.filter((p) => p.schema?.type === 'integer' || p.schema?.type === 'number');
      return {
        kind,
        body: JSON.stringify(
          withValueAt(base, pick(random, numbers.length ? numbers : [{ path: ['year'], schema: undefined }]).path, pick(random, HOSTILE_NUMBERS)),
        ),
      };
    }
    case 'patterned-edge': {
      const patterned = paths.filter((p) => p.schema?.pattern && PATTERNED[p.schema.pattern]);
      if (patterned.length === 0) return { kind: 'valid', body: JSON.stringify(base) };
      const target = pick(random, patterned);
      return { kind, body: JSON.stringify(withValueAt(base, target.path, pick(random, PATTERNED[target.schema!.pattern!].edge))) };
    }
    case 'deep': {
      const depth = 2_000 + Math.floor(random() * 20_000);
      const deep = '{"a":'.repeat(depth) + '[1]' + '}'.repeat(depth);
      const marked = JSON.stringify(paths.length ? withValueAt(base, somePath().path, DEEP_MARK) : DEEP_MARK);
      return { kind, body: marked.replace(JSON.stringify(DEEP_MARK), deep) };
    }
    case 'extra-fields':
      return {
        kind,
        body: JSON.stringify({ ...(base as object), extra: 'x', constructor: { prototype: { polluted: true } } }).replace(
          '"extra"',
          '"__proto__":{"polluted":true},"extra"',
        ),
      };
    case 'optional-fields':
      return { kind, body: JSON.stringify(withOptionalFields(base, schema, pools, random)) };
    case 'long-array': {
      const arrays = paths.filter((p) => p.schema?.type === 'array');
      if (arrays.length === 0) return { kind: 'valid', body: JSON.stringify(base) };
      const target = pick(random, arrays);
      const item = baseValue(target.schema!.items ?? {}, String(target.path[target.path.length - 1]), pools, random);
      return {
        kind,
        body: JSON.stringify(
          withValueAt(
            base,
            target.path,
            Array.from({ length: 1_000 }, () => item),
          ),
        ),
      };
    }
    default:
      return { kind: 'valid', body: JSON.stringify(base) };
  }
}

/** The base with its optional top-level fields filled in too. */
function withOptionalFields(base: Json, schema: JsonSchema, pools: Record<string, string[]>, random: () => number): Json {
  if (base === null || typeof base !== 'object' || Array.isArray(base)) return base;
  const full = structuredClone(base);
  for (const [name, property] of Object.entries(schema.properties ?? {})) if (!(name in full)) full[name] = baseValue(property, name, pools, random);
  return full;
}

/** The base with one patterned field set to one of its edge values, for every field and value. */
function patternedEdges(base: Json, schema: JsonSchema): Array<{ kind: string; body: string }> {
  const patterned = leaves(base, schema).filter((p) => p.schema?.pattern && PATTERNED[p.schema.pattern]);
  return patterned.flatMap((p) =>
    PATTERNED[p.schema!.pattern!].edge.map((edge) => ({ kind: 'patterned-edge', body: JSON.stringify(withValueAt(base, p.path, edge)) })),
  );
}

interface Tally {
  sent: number;
  byStatus: Map<number, number>;
  serverErrors: string[];
  known: string[];
  unavailable: number;
  changedOnRefusal: string[];
  notEnvelope: string[];
}

async function fuzzChannel(host: RunningHost, channel: ChannelName, pools: Record<string, string[]>, random: () => number, tally: Tally): Promise<void> {
  const schema = z.toJSONSchema(channels[channel].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const base = baseValue(schema, '', pools, random);
  // The valid input first, then each calendar edge in each patterned field (where a 500 hides
  // most often: the shape passes, the date arithmetic does not), then random mutations.
  const planned = [
    { kind: 'valid', body: JSON.stringify(base) as string | Buffer },
    ...patternedEdges(withOptionalFields(base, schema, pools, random), schema),
  ].slice(0, MUTATIONS_PER_CHANNEL / 2);
  for (let i = 0; i < MUTATIONS_PER_CHANNEL; i++) {
    const { kind, body } = planned[i] ?? mutate(base, schema, pools, random);
    const before = host.ws.db.changeStamp();
    const answer = await request(host.port, 'POST', `/api/${channel}`, API_HEADERS, body);
    const after = host.ws.db.changeStamp();
    tally.sent++;
    tally.byStatus.set(answer.status, (tally.byStatus.get(answer.status) ?? 0) + 1);
    const shown = `${channel} #${i} ${kind} ${answer.status} ${answer.body.slice(0, 300)} ← ${String(body).slice(0, 200)}`;
    let envelope: { ok?: unknown; error?: { code?: string } } | undefined;
    try {
      envelope = JSON.parse(answer.body);
    } catch {
      envelope = undefined;
    }
    if (typeof envelope?.ok !== 'boolean') tally.notEnvelope.push(shown);
    if (answer.status === 503 && envelope?.error?.code === 'UNAVAILABLE') tally.unavailable++;
    else if (answer.status >= 500 && isKnown(channel, envelope?.error?.code, body)) tally.known.push(shown);
    else if (answer.status >= 500) tally.serverErrors.push(shown);
    if (answer.status >= 400 && before !== after) tally.changedOnRefusal.push(shown);
  }
}

function isKnown(channel: ChannelName, code: string | undefined, body: string | Buffer): boolean {
  let input: unknown;
  try {
    input = JSON.parse(String(body));
  } catch {
    return false;
  }
  return KNOWN_FINDINGS.some((known) => known.channel === channel && known.code === code && known.matches(input));
}

describe('web host fuzz', () => {
  it(`answers ${MUTATIONS_PER_CHANNEL} mutated inputs per channel without a 5xx, and a refused write changes nothing`, { timeout: 120_000 }, async () => {
    const host = await startHost();
    const pools = await idPools(host.port);
    const random = seededRandom(SEED);
    const tally: Tally = { sent: 0, byStatus: new Map(), serverErrors: [], known: [], unavailable: 0, changedOnRefusal: [], notEnvelope: [] };
    const startedAt = Date.now();
    for (const channel of CHANNEL_NAMES) await fuzzChannel(host, channel, pools, random, tally);

    const statuses = [...tally.byStatus].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
    console.log(
      `web host fuzz (seed ${SEED}): ${tally.sent} requests over ${CHANNEL_NAMES.length} channels in ${Date.now() - startedAt} ms; ` +
        `${tally.serverErrors.length} 5xx (besides ${tally.unavailable} × 503 UNAVAILABLE and ${tally.known.length} known); statuses ${statuses.join(' ')}`,
    );
    expect(tally.sent).toBe(CHANNEL_NAMES.length * MUTATIONS_PER_CHANNEL);
    expect(tally.serverErrors).toEqual([]);
    expect(tally.notEnvelope).toEqual([]);
    expect(tally.changedOnRefusal).toEqual([]);
    // Still serving, and still answering channels.
    expect((await request(host.port, 'GET', '/api')).status).toBe(200);
    expect((await callApi(host.port, 'workspace/get-info', {})).json.ok).toBe(true);
  });

  it.each(KNOWN_FINDINGS)('known finding still happens (remove it once fixed): $channel $input', async ({ channel, input, code, matches }) => {
    expect(matches(input)).toBe(true);
    const host = await startHost();
    const answer = await callApi(host.port, channel, input);
    expect(answer.status).toBe(500);
    expect(answer.json.error?.code).toBe(code);
  });
});
