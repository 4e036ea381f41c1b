import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { freshAddress, htmlText, pool, type HttpClient, type RawRequest, type RawResponse } from './http';

/**
 * Property-based fuzzing of every public input of the app, over HTTP, as a browser or an integration would send it:
 * the one-tap and full-survey server actions (multipart form posts to the page with the action's hidden fields), the
 * JSON API POST /api/responses (raw bytes), the tracking lookups (GET /api/track/{ref}, /{locale}/track/{ref}) and the
 * kiosk tablets' sync (POST /api/kiosk/sync, raw bytes, with the device tokens of tablets the caller paired).
 *
 * fast-check generates the cases (wrong types, huge strings, broken UTF-8 and UTF-16, control characters, Thai with
 * combining marks and emoji, numbers out of range, unknown and duplicated fields, injection strings); each is sent
 * with its own client address (X-Forwarded-For) so that the per-address limits never refuse a case for the wrong
 * reason. The property for every case: no 5xx; a refusal is a 4xx JSON body (or a page) with a message from
 * messages/<locale>.json in the reader's language; an acceptance names the client key it stored, so that the caller
 * can prove that nothing else was stored (see RELIABILITY.md).
 *
 * Used by e2e/fuzz.spec.ts (a few hundred cases per entry point, in `npm test`) and scripts/drills/fuzz.ts (10,000).
 */

export const LOCALES = ['th', 'en', 'my'] as const;
export type Locale = (typeof LOCALES)[number];
export const POINTS = ['civil-registration', 'waste-fees', 'complaints-centre'] as const;
const ITEMS = ['process_speed', 'process_queue', 'staff_polite', 'staff_equal', 'facilities_clean', 'outcome_correct'];
const REFERENCE = /^[A-Z]{2,6}-\d{4}-\d{6}$/;
/** What receipts, their links and the status pages show: the reference with its check code (issue 17). */
const RECEIPT_CODE = /^[A-Z]{2,6}-\d{4}-\d{6}-[ACDEFGHJKMNPQRTUVWXY]{4}$/;

function messagesOf(locale: Locale): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.resolve('messages', `${locale}.json`), 'utf8')) as Record<string, unknown>;
}
const MESSAGES = Object.fromEntries(LOCALES.map((l) => [l, messagesOf(l)])) as Record<Locale, Record<string, Record<string, unknown>>>;
/** Every error sentence of a locale (messages/<locale>.json → errors). */
export const ERROR_MESSAGES = Object.fromEntries(
  LOCALES.map((l) => [
    l,
    new Set([
      ...Object.values(MESSAGES[l].errors as Record<string, string>),
      ...Object.values(MESSAGES[l].request as Record<string, string>),
    ]),
  ]),
) as Record<Locale, Set<string>>;
/** What the kiosk sync may answer: its own sentences (messages → kiosk.errors) and the proxy's (errors). */
const kioskErrors = (l: Locale) => (MESSAGES[l].kiosk as Record<string, Record<string, string>>).errors!;
const KIOSK_MESSAGES = Object.fromEntries(
  LOCALES.map((l) => [l, new Set([...ERROR_MESSAGES[l], ...Object.values(kioskErrors(l))])]),
) as Record<Locale, Set<string>>;
/** A refused press is answered with a code the tablet and staff pages can put into words: a key of errors or kiosk.errors. */
const PRESS_CODES = new Set([...Object.keys(MESSAGES.en.errors!), ...Object.keys(kioskErrors('en'))]);
const TRACK_NOT_FOUND = Object.fromEntries(LOCALES.map((l) => [l, (MESSAGES[l].track as Record<string, string>).notFoundTitle])) as Record<
  Locale,
  string
>;
const TRACK_TOO_MANY = Object.fromEntries(LOCALES.map((l) => [l, (MESSAGES[l].track as Record<string, string>).tooMany])) as Record<
  Locale,
  string
>;
const TRACK_NEEDS_CODE = Object.fromEntries(
  LOCALES.map((l) => [l, (MESSAGES[l].track as Record<string, string>).needsCheckCodeTitle]),
) as Record<Locale, string>;

// ------------------------------------------------------------------------------------------------------------------
// Values
// ------------------------------------------------------------------------------------------------------------------

export const INJECTIONS = [
  "' OR '1'='1",
  "'; drop table response; --",
  '1; select pg_sleep(5)--',
  "\\'; truncate public.response cascade; --",
  '$$; delete from response; $$',
  "KP-2570-000001' union select * from contact--",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '<svg/onload=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '#{7*7}',
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://example.invalid","x")',
  '+SUM(1,1)',
  '-2+3',
  '@SUM(1)',
  '\t=1+1',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/etc/shadow\u0000.png',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'undefined',
  'NaN',
  'true',
  '[]',
  '{}',
  '\r\nSet-Cookie: a=b',
  'a'.repeat(41),
  'ถนนชำรุด\u0000',
  '\u202eevil\u202c',
  'ก\u0e48\u0e48\u0e48\u0e48\u0e48\u0e48',
  'ดีมาก😀👍🏽',
];

const CHARS = [
  'ก',
  'ข',
  'ค',
  'ง',
  '่',
  '้',
  '๊',
  '๋',
  'ั',
  'ิ',
  'ื',
  'ำ',
  'ๆ',
  '๐',
  '๙',
  'ฯ',
  '😀',
  '🙏🏽',
  '👨‍👩‍👧‍👦',
  '🇹🇭',
  '\u0301',
  '\u0300',
  '\u0e47',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2066',
  '\ufeff',
  '\ufffd',
  '\u00a0',
  '\u3000',
  'ó',
  'ဗ',
  'မ',
  '\u1031',
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u0001',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '"',
  '\\',
  '<',
  '>',
  '&',
  "'",
  '%',
  '/',
  '.',
  ';',
  '=',
  '+',
  '-',
  '@',
  '|',
  'a',
  'Z',
  '0',
  '9',
  ' ',
];
const mixedText = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 60 }).map((a) => a.join(''));
const loneSurrogate = fc.constantFrom('\ud800', '\udfff', 'ก\ud83d', '\ude00x', 'ok\udbff');
const hugeText = fc
  .tuple(fc.integer({ min: 2_001, max: 9_000 }), fc.constantFrom('ก', 'a', '😀', 'e\u0301'))
  .map(([n, c]) => c.repeat(Math.ceil(n / c.length)));

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 4, arbitrary: mixedText },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: hugeText },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

const badNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 6, 7, 3.5, 1e308, -1e308, 2 ** 53, 2 ** 31, -0, 1e-9, 4.0000001, 99_999),
  fc.double(),
  fc.integer(),
);

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 3, arbitrary: badNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(nastyString, badNumber), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(nastyString, fc.oneof(nastyString, badNumber), { maxKeys: 3 }) },
);

const acceptLanguage = fc.constantFrom(
  'th',
  'en',
  'my',
  'en-US,en;q=0.9',
  'th-TH,th;q=0.9,en;q=0.5',
  'fr',
  '',
  '*',
  'my-MM',
  'zz,,;;q',
  'EN',
);

/** The reader's language as the app negotiates it (lib/http/locale.ts): a valid preference, else Accept-Language, else th. */
export function negotiated(preferred: unknown, header: string | undefined): Locale {
  if (typeof preferred === 'string' && (LOCALES as readonly string[]).includes(preferred)) return preferred as Locale;
  for (const part of (header ?? '').split(',')) {
    const base = part.split(';')[0]?.trim().toLowerCase().split('-')[0];
    if (base && (LOCALES as readonly string[]).includes(base)) return base as Locale;
  }
  return 'th';
}

// ------------------------------------------------------------------------------------------------------------------
// Cases
// ------------------------------------------------------------------------------------------------------------------

export type EntryName = 'api-responses' | 'api-track' | 'page-track' | 'action-rating' | 'action-survey' | 'kiosk-sync';
export const ENTRY_NAMES: EntryName[] = ['api-responses', 'action-rating', 'action-survey', 'api-track', 'page-track', 'kiosk-sync'];

export interface FuzzCase {
  entry: EntryName;
  kind: string;
  request: RawRequest;
  /** The client key the case would store if it were accepted (the first one sent, as the server reads it). */
  clientKey?: string;
  /** The language its refusal must be in. */
  locale: Locale;
  /** Kiosk sync: what the case expects beyond the property. */
  kiosk?: KioskPlan;
}

export interface FuzzContext {
  origin: string;
  /** Hidden fields of the one-tap form ($ACTION_ID_…) and of the full form ($ACTION_REF_1, $ACTION_1:0, …). */
  ratingAction: [string, string][];
  surveyAction: [string, string][];
  /** A reference that exists, so that some lookups are found. */
  knownReference: string;
  /** Tablets registered for the kiosk sync (without them the kiosk entry cannot run). */
  kiosk?: KioskCodes;
}

const validSubmission = fc.record(
  {
    // Without bias, keys never repeat by accident: a repeated key without its receipt starts a new response (issue 17).
    clientKey: fc.noBias(fc.uuid({ version: 4 })),
    servicePoint: fc.constantFrom(...POINTS),
    locale: fc.constantFrom(...LOCALES),
    overallRating: fc.integer({ min: 1, max: 5 }),
    answers: fc.dictionary(fc.constantFrom(...ITEMS), fc.integer({ min: 1, max: 5 }), { maxKeys: 3 }),
    suggestion: fc.record(
      { text: mixedText, category: fc.constantFrom('process', 'staff', 'facilities', 'information', 'complaint', 'praise', 'other') },
      { requiredKeys: ['text'] },
    ),
    respondent: fc.record(
      { gender: fc.constantFrom('male', 'female', 'other'), age_band: fc.constantFrom('20_29', '60_plus') },
      { requiredKeys: [] },
    ),
    contact: fc.record(
      { consent: fc.constant(true), phone: fc.constantFrom('0812345678', '+66 81 234 5678'), email: fc.constantFrom('a@example.org') },
      { requiredKeys: ['consent', 'phone'] },
    ),
  },
  { requiredKeys: ['clientKey', 'servicePoint', 'overallRating'] },
);

const SUBMISSION_PATHS = [
  'clientKey',
  'servicePoint',
  'locale',
  'overallRating',
  'answers',
  'answers.staff_equal',
  'suggestion',
  'suggestion.text',
  'suggestion.category',
  'respondent',
  'respondent.gender',
  'respondent.age_band',
  'contact',
  'contact.consent',
  'contact.phone',
  'contact.email',
  'contact.name',
];

type Mutation =
  | { op: 'set'; path: string; value: unknown }
  | { op: 'delete'; path: string }
  | { op: 'unknown'; path: string; key: string; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), path: fc.constantFrom(...SUBMISSION_PATHS), value: anyValue }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), path: fc.constantFrom(...SUBMISSION_PATHS) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('unknown' as const),
      path: fc.constantFrom('', 'suggestion', 'respondent', 'contact', 'answers'),
      key: fc.oneof(
        nastyString,
        fc.constantFrom('__proto__', 'constructor', 'id', 'reference', 'flag', 'source_hash', 'is_demo', 'created_at', 'channel'),
      ),
      value: anyValue,
    }),
  },
);

function applyMutation(target: Record<string, unknown>, m: Mutation) {
  const parts = m.path ? m.path.split('.') : [];
  let node: Record<string, unknown> = target;
  for (const part of parts.slice(0, m.op === 'unknown' ? parts.length : -1)) {
    const child = node[part];
    if (typeof child !== 'object' || child === null || Array.isArray(child)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  // defineProperty, so that a key named __proto__ becomes an own property and reaches JSON.stringify.
  const put = (key: string, value: unknown) =>
    Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
  if (m.op === 'set') put(parts[parts.length - 1]!, m.value);
  else if (m.op === 'delete') delete node[parts[parts.length - 1]!];
  else put(m.key, m.value);
}

const mutatedSubmission: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.tuple(validSubmission, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([s, ms]) => {
      const copy = structuredClone(s) as Record<string, unknown>;
      for (const m of ms) applyMutation(copy, m);
      return copy;
    }),
  },
  { weight: 1, arbitrary: anyValue },
  { weight: 1, arbitrary: validSubmission },
);

const BAD_UTF8 = [
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xe0, 0x80, 0x80],
  [0x80],
  [0xe0, 0xb8],
  [0xf4, 0x90, 0x80, 0x80],
  [0xc3],
];
const splice = (bytes: Buffer, at: number, insert: number[]) =>
  Buffer.concat([bytes.subarray(0, at), Buffer.from(insert), bytes.subarray(at)]);

/** A JSON body as raw bytes: well-formed, with duplicated keys, broken UTF-8, raw control bytes, cut short, nested deep, or noise. */
const jsonBody: fc.Arbitrary<{ kind: string; bytes: Buffer }> = fc.oneof(
  { weight: 8, arbitrary: mutatedSubmission.map((v) => ({ kind: 'json', bytes: Buffer.from(JSON.stringify(v) ?? 'undefined') })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        validSubmission,
        fc.constantFrom('clientKey', 'servicePoint', 'locale', 'overallRating', 'suggestion', 'contact'),
        anyValue,
        fc.boolean(),
      )
      .map(([s, key, value, first]) => {
        const text = JSON.stringify(s);
        const dup = `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`;
        return { kind: 'duplicate-key', bytes: Buffer.from(first ? `{${dup},${text.slice(1)}` : `${text.slice(0, -1)},${dup}}`) };
      }),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(validSubmission, fc.constantFrom(...BAD_UTF8), fc.nat()).map(([s, bad, at]) => {
      const bytes = Buffer.from(JSON.stringify({ ...s, suggestion: { text: 'ทดสอบ X ทดสอบ' } }));
      const inside = bytes.indexOf('X');
      return { kind: 'invalid-utf8', bytes: splice(bytes, at % 3 === 0 ? at % bytes.length : inside, bad) };
    }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(validSubmission, fc.integer({ min: 0, max: 31 })).map(([s, c]) => {
      const bytes = Buffer.from(JSON.stringify({ ...s, suggestion: { text: 'a X b' } }));
      return { kind: 'raw-control', bytes: splice(bytes, bytes.indexOf('X'), [c]) };
    }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(validSubmission, fc.nat()).map(([s, cut]) => {
      const text = Buffer.from(JSON.stringify(s));
      return { kind: 'truncated', bytes: text.subarray(0, cut % text.length) };
    }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 100, max: 12_000 }), fc.boolean()).map(([depth, arrays]) => ({
      kind: 'deep',
      bytes: Buffer.from(arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
    })),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => ({ kind: 'noise', bytes: Buffer.from(a) })) },
  {
    weight: 1,
    arbitrary: fc.tuple(validSubmission, fc.constantFrom('bom', 'trailing', 'numbers', 'ws')).map(([s, how]) => {
      const text = JSON.stringify(s);
      if (how === 'bom') return { kind: how, bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) };
      if (how === 'trailing') return { kind: how, bytes: Buffer.from(`${text} {"more":1}`) };
      if (how === 'numbers') return { kind: how, bytes: Buffer.from(text.replace(/"overallRating":\d/, '"overallRating":1e999')) };
      return { kind: how, bytes: Buffer.from(`\n\t ${text}\r\n`) };
    }),
  },
);

const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/vnd.siang+json',
      'application/json;charset=tis-620',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      '',
      'multipart/form-data; boundary=x',
      'application/jsonp',
      'json',
    ),
  },
);

function apiResponsesCase(ctx: FuzzContext): fc.Arbitrary<FuzzCase> {
  return fc.tuple(jsonBody, contentType, acceptLanguage, fc.boolean()).map(([body, type, language, withOrigin]) => {
    const headers: Record<string, string> = { 'x-forwarded-for': freshAddress(), accept: 'application/json' };
    if (type) headers['content-type'] = type;
    if (language) headers['accept-language'] = language;
    if (withOrigin) headers.origin = ctx.origin;
    const parsed = parseAsServer(body.bytes, type);
    return {
      entry: 'api-responses',
      kind: body.kind,
      request: { method: 'POST', path: '/api/responses', headers, body: body.bytes },
      clientKey:
        typeof (parsed as { clientKey?: unknown } | undefined)?.clientKey === 'string'
          ? (parsed as { clientKey: string }).clientKey
          : undefined,
      locale: negotiated((parsed as { locale?: unknown } | null | undefined)?.locale, language),
    };
  });
}

/** What readJson (lib/http/read-json.ts) makes of a body, or undefined when it refuses it. */
function parseAsServer(bytes: Buffer, type: string, maxBytes = 32 * 1024): unknown {
  if (!isJsonType(type) || bytes.byteLength > maxBytes) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

const isJsonType = (type: string) => /^application\/(.+\+)?json\s*(;|$)/i.test(type);

// Tracking -------------------------------------------------------------------------------------------------------

const rawPathSegment = fc.constantFrom(
  '%',
  '%ZZ',
  '%C0%AF',
  '%FF%FE',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '....//',
  '%E0%B8',
  '..',
  '.',
  '%2F',
  '%5C..%5C',
  'KP-2570-000001%00',
  '%ED%A0%80',
  '%u0041',
  '%%32%65',
  'KP-2570-000001;jsessionid=1',
  'a%0d%0aSet-Cookie:%20x=1',
  '%F0%9F%98',
  'KP.%ED%A0%80',
  'a.b',
  '%E0%B8.png',
  'KP-2570-000001.json',
  `${'%E0%B8%81'.repeat(60)}`,
  `${'x'.repeat(600)}`,
);
const referenceText = fc.oneof(
  fc.constantFrom(
    'KP-2570-000001',
    'kp-2570-000001',
    'KP-2570-999999',
    'KP-2570-0',
    'KP-9999-000001',
    'XX-2570-000001',
    ' KP-2570-000001 ',
    'KP–2570–000001',
    'ＫＰ-２５７０-０００００１',
    'KP-๒๕๗๐-๐๐๐๐๐๑',
    'KP-2570-0000001',
    'KP-2570-00000',
    'KP2570000001',
  ),
  nastyString.map((s) => s.slice(0, 1_500)),
);

const trackSegment = (ctx: FuzzContext) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: referenceText.map((s) => ({ kind: 'encoded', segment: encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd')) })),
    },
    { weight: 2, arbitrary: rawPathSegment.map((segment) => ({ kind: 'raw', segment })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'known', segment: ctx.knownReference }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'known-lower', segment: ctx.knownReference.toLowerCase() }) },
  );

function apiTrackCase(ctx: FuzzContext): fc.Arbitrary<FuzzCase> {
  return fc
    .tuple(
      trackSegment(ctx),
      fc.option(
        fc.oneof(
          fc.constantFrom(...LOCALES),
          nastyString.map((s) => s.slice(0, 50)),
        ),
        { nil: undefined },
      ),
      acceptLanguage,
    )
    .map(([ref, localeParam, language]) => {
      const headers: Record<string, string> = { 'x-forwarded-for': freshAddress(), accept: 'application/json' };
      if (language) headers['accept-language'] = language;
      const query = localeParam === undefined ? '' : `?locale=${encodeURIComponent(localeParam.replace(/[\ud800-\udfff]/g, '\ufffd'))}`;
      return {
        entry: 'api-track',
        kind: ref.kind,
        request: { method: 'GET', path: `/api/track/${ref.segment}${query}`, headers },
        locale: negotiated(localeParam, language),
      };
    });
}

function pageTrackCase(ctx: FuzzContext): fc.Arbitrary<FuzzCase> {
  return fc.tuple(trackSegment(ctx), fc.constantFrom(...LOCALES), acceptLanguage).map(([ref, locale, language]) => {
    const headers: Record<string, string> = { 'x-forwarded-for': freshAddress(), accept: 'text/html' };
    if (language) headers['accept-language'] = language;
    return { entry: 'page-track', kind: ref.kind, request: { method: 'GET', path: `/${locale}/track/${ref.segment}`, headers }, locale };
  });
}

// Server actions (multipart form posts) --------------------------------------------------------------------------

type Part = { name: string; value: Buffer; filename?: string };
const utf8 = (s: string) => Buffer.from(s, 'utf8');

type FieldValue = { text: string; bytes: Buffer };
/** A field's fuzzed value, and a valid one for the same field (a case may keep all fields valid but one). */
type Field = { fuzzed: FieldValue; valid: FieldValue };
const fieldValue = (valid: fc.Arbitrary<string>): fc.Arbitrary<Field> =>
  fc
    .tuple(
      valid,
      fc.oneof(
        { weight: 4, arbitrary: valid.map((text) => ({ text, bytes: utf8(text) })) },
        { weight: 4, arbitrary: nastyString.map((text) => ({ text, bytes: utf8(text) })) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(valid, fc.constantFrom(...BAD_UTF8))
            .map(([text, bad]) => ({ text: '\ufffd', bytes: Buffer.concat([utf8(text), Buffer.from(bad)]) })),
        },
      ),
    )
    .map(([text, fuzzed]) => ({ valid: { text, bytes: utf8(text) }, fuzzed }));

/** Which fields keep their valid value: all (undefined = every field fuzzed), or all but the one at index k. */
const cleanAllBut = fc.option(fc.nat(11), { nil: undefined, freq: 3 });
const pick = (field: Field, index: number, allBut: number | undefined) =>
  (allBut === undefined || allBut === index ? field.fuzzed : field.valid).bytes;

const uuidField = fieldValue(fc.noBias(fc.uuid({ version: 4 })));
const ratingField = fieldValue(
  fc.oneof(fc.constantFrom('1', '2', '3', '4', '5'), fc.constantFrom('0', '6', '3.5', ' 3', '٣', '๓', '+4', '05', '1e0', '')),
);
const pointField = fieldValue(fc.constantFrom(...POINTS));
const localeField = fieldValue(fc.constantFrom(...LOCALES));

const extraParts: fc.Arbitrary<Part[]> = fc.array(
  fc.oneof(
    fc
      .tuple(
        nastyString.map((s) => s.slice(0, 200)),
        anyValue,
      )
      .map(([name, value]) => ({ name, value: utf8(typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined')) })),
    fc
      .tuple(fc.constantFrom('clientKey', 'overallRating', 'servicePoint', 'locale', 'suggestionText', 'contactPhone'), nastyString)
      .map(([name, v]) => ({ name, value: utf8(v) })),
    fc
      .tuple(fc.constantFrom('../../etc/passwd', 'a.csv', '=1+1.xlsx', 'ก.png', 'x\u0000.txt'), fc.uint8Array({ maxLength: 300 }))
      .map(([filename, bytes]) => ({
        name: 'suggestionText',
        value: Buffer.from(bytes),
        filename,
      })),
  ),
  { maxLength: 3 },
);

function multipart(parts: Part[]): { body: Buffer; type: string } {
  const boundary = `----siangfuzz${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const name = part.name.replace(/["\r\n\\]/g, '_');
    const file =
      part.filename !== undefined
        ? `; filename="${part.filename.replace(/["\r\n\\]/g, '_')}"\r\nContent-Type: application/octet-stream`
        : '';
    chunks.push(utf8(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file}\r\n\r\n`), part.value, utf8('\r\n'));
  }
  chunks.push(utf8(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** The action's hidden fields, now and then damaged (an unknown action id, or none at all). */
const actionFields = (fields: [string, string][]) =>
  fc.oneof(
    { weight: 30, arbitrary: fc.constant({ kind: 'action', parts: fields.map(([name, value]) => ({ name, value: utf8(value) })) }) },
    {
      weight: 1,
      arbitrary: fc.constant({
        kind: 'unknown-action',
        parts: fields.map(([name, value]) => ({
          name: name.replace(/[0-9a-f]{40,}/, (id) => '0'.repeat(id.length)),
          value: utf8(value.replace(/[0-9a-f]{40,}/, (id) => '0'.repeat(id.length))),
        })),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'no-action', parts: [] as Part[] }) },
  );

function actionHeaders(ctx: FuzzContext, type: string, language: string, withOrigin: boolean) {
  const headers: Record<string, string> = { 'x-forwarded-for': freshAddress(), 'content-type': type, accept: 'text/html' };
  if (language) headers['accept-language'] = language;
  if (withOrigin) headers.origin = ctx.origin; // a browser sends it; integrations may not
  return headers;
}

const firstText = (parts: Part[], name: string) => {
  const part = parts.find((p) => p.name === name && p.filename === undefined);
  return part ? new TextDecoder().decode(part.value) : undefined;
};

function actionRatingCase(ctx: FuzzContext): fc.Arbitrary<FuzzCase> {
  return fc
    .tuple(
      actionFields(ctx.ratingAction),
      uuidField,
      pointField,
      localeField,
      ratingField,
      extraParts,
      fc.constantFrom(...LOCALES),
      fc.constantFrom(...POINTS),
      acceptLanguage,
      fc.boolean(),
      fc.boolean(),
      cleanAllBut,
    )
    .map(([action, key, point, locale, rating, extra, pageLocale, pagePoint, language, withOrigin, extraFirst, allBut]) => {
      const fields: Part[] = [
        { name: 'clientKey', value: pick(key, 0, allBut) },
        { name: 'servicePoint', value: pick(point, 1, allBut) },
        { name: 'locale', value: pick(locale, 2, allBut) },
        { name: 'overallRating', value: pick(rating, 3, allBut) },
      ];
      const parts = [...action.parts, ...(extraFirst ? [...extra, ...fields] : [...fields, ...extra])];
      const { body, type } = multipart(parts);
      const sentLocale = firstText(parts, 'locale');
      return {
        entry: 'action-rating',
        kind: action.kind,
        request: { method: 'POST', path: `/${pageLocale}/s/${pagePoint}`, headers: actionHeaders(ctx, type, language, withOrigin), body },
        clientKey: firstText(parts, 'clientKey'),
        locale: (LOCALES as readonly string[]).includes(sentLocale ?? '') ? (sentLocale as Locale) : 'th',
      };
    });
}

const surveyFields = fc.record({
  answer: fc.tuple(fc.constantFrom(...ITEMS, 'no_such_item', 'x', '__proto__', 'staff equal'), ratingField),
  suggestionText: fieldValue(
    fc.constantFrom('รอคิวนานมาก', 'ดีมาก😀👍🏽', 'e\u0301 ก\u0e48 ဗမ', '<b>ด่วน</b> =1+1', "'; drop table response; --"),
  ),
  suggestionCategory: fieldValue(fc.constantFrom('process', 'staff', 'other', '')),
  gender: fieldValue(fc.constantFrom('male', 'female', 'undisclosed', '')),
  consent: fc.boolean(),
  contactName: fieldValue(fc.constantFrom('สมศรี ใจดี', '')),
  contactPhone: fieldValue(fc.constantFrom('0812345678', '๐๘๑-๒๓๔-๕๖๗๘', '', '+66 81 234 5678')),
  contactEmail: fieldValue(fc.constantFrom('a@example.org', '', 'not-an-email')),
});

function actionSurveyCase(ctx: FuzzContext): fc.Arbitrary<FuzzCase> {
  return fc
    .tuple(
      actionFields(ctx.surveyAction),
      uuidField,
      pointField,
      localeField,
      ratingField,
      surveyFields,
      extraParts,
      fc.constantFrom(...LOCALES),
      fc.constantFrom(...POINTS),
      acceptLanguage,
      fc.boolean(),
      cleanAllBut,
    )
    .map(([action, key, point, locale, rating, more, extra, pageLocale, pagePoint, language, withOrigin, allBut]) => {
      const parts: Part[] = [
        ...action.parts,
        { name: 'clientKey', value: pick(key, 0, allBut) },
        { name: 'servicePoint', value: pick(point, 1, allBut) },
        { name: 'locale', value: pick(locale, 2, allBut) },
        { name: 'overallRating', value: pick(rating, 3, allBut) },
        { name: `answers.${more.answer[0]}`, value: pick(more.answer[1], 4, allBut) },
        { name: 'suggestionText', value: pick(more.suggestionText, 5, allBut) },
        { name: 'suggestionCategory', value: pick(more.suggestionCategory, 6, allBut) },
        { name: 'respondent.gender', value: pick(more.gender, 7, allBut) },
        ...(more.consent ? [{ name: 'contactConsent', value: utf8('on') }] : []),
        { name: 'contactName', value: pick(more.contactName, 8, allBut) },
        { name: 'contactPhone', value: pick(more.contactPhone, 9, allBut) },
        { name: 'contactEmail', value: pick(more.contactEmail, 10, allBut) },
        ...extra,
      ];
      const { body, type } = multipart(parts);
      const sentLocale = firstText(parts, 'locale');
      return {
        entry: 'action-survey',
        kind: action.kind,
        request: {
          method: 'POST',
          path: `/${pageLocale}/s/${pagePoint}/more`,
          headers: actionHeaders(ctx, type, language, withOrigin),
          body,
        },
        clientKey: firstText(parts, 'clientKey'),
        locale: (LOCALES as readonly string[]).includes(sentLocale ?? '') ? (sentLocale as Locale) : 'th',
      };
    });
}

// Kiosk sync (POST /api/kiosk/sync) -----------------------------------------------------------------------------

/**
 * The device tokens of tablets the caller paired (a code only pairs; every sync carries the token). Several active
 * ones: the sync is rate-limited per token (120 a minute).
 */
export interface KioskCodes {
  active: string[];
  revoked: string;
  /** A tablet on a service point retired since (the drill sets one up; the e2e does not). */
  retired?: string;
  /** The client key of a response stored through the QR channel: a press that reuses it must be refused. */
  qrClientKey: string;
}

type PressFate = 'accept' | 'refuse' | 'any';
/** What a kiosk case expects beyond the property: the statuses it may get, and each press's fate if answered 200. */
export interface KioskPlan {
  statuses?: number[];
  error?: string;
  presses: { key?: string; fate: PressFate }[];
  /** Every client key sent (lower case): an answer may accept only these. */
  sent: Set<string>;
  /** How many presses the server read: a 200 answers each. */
  count?: number;
  /** Send the batch twice: the second answer must accept the same presses, as duplicates under the same references. */
  resend?: boolean;
}

const KIOSK_REASONS = ['waiting_time', 'staff', 'steps', 'facilities', 'information', 'other'];
const PRESS_FIELDS = ['clientKey', 'rating', 'reason', 'pressedAt', 'locale'];
const SYNC_FIELDS = ['token', 'sentAt', 'locale', 'presses'];
const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DAY = 86_400_000;
const MAX_DATE = 8.64e15;

/** The tablet's clock when it sends: usually about right, sometimes decades off (only differences matter). */
const sentAtMs = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }) },
  { weight: 1, arbitrary: fc.integer({ min: -MAX_DATE + 400 * DAY, max: MAX_DATE - 2 * DAY }) },
);
/** A valid press, but for its time: how long it waited on the tablet (up to 6 days; the server takes 7). */
const pressDraft = fc.record(
  {
    clientKey: fc.noBias(fc.uuid({ version: 4 })),
    rating: fc.integer({ min: 1, max: 5 }),
    reason: fc.constantFrom(...KIOSK_REASONS),
    locale: fc.constantFrom(...LOCALES),
    waited: fc.integer({ min: 0, max: 6 * DAY }),
  },
  { requiredKeys: ['clientKey', 'rating', 'waited'] },
);
type PressDraft = { clientKey: string; rating: number; reason?: string; locale?: string; waited: number };

/** Objects the schema may not expect: String() of the first two throws (so does a deeper array: the deep-* cases). */
const oddObjects: unknown[] = [{ toString: 1 }, [{ toString: null, valueOf: null }], JSON.parse('['.repeat(3_000) + ']'.repeat(3_000))];
const BAD_PRESS: Record<string, unknown[]> = {
  clientKey: [
    '',
    'not-a-uuid',
    42,
    null,
    true,
    {},
    [],
    'KP-2570-000001',
    '3f1c2b9e8a7d4c3b9e2f1a2b3c4d5e6f',
    '{3f1c2b9e-8a7d-4c3b-9e2f-1a2b3c4d5e6f}',
    ...oddObjects,
  ],
  rating: [0, 6, -1, 3.5, 1e308, -1e308, '3', null, true, [3], { value: 3 }, 'ห้า', 2 ** 53],
  pressedAt: ['', 'yesterday', 42, null, '2026-13-45T00:00:00Z', 'x'.repeat(41), [], ...oddObjects.slice(0, 1)],
  reason: ['bogus', '', 5, null, 'WAITING_TIME', 'staff ', ['staff']],
  locale: ['fr', 'TH', '', null, 'th-TH', 1],
};

type PressMutation =
  | { op: 'none' | 'upper' | 'reused' }
  | { op: 'bad' | 'any'; field: string; value: unknown }
  | { op: 'delete'; field: string }
  | { op: 'unknown'; key: string; value: unknown }
  | { op: 'time'; how: 'future' | 'too-old' | 'slack' | 'zone' | 'edge'; ms: number }
  | { op: 'shape'; value: unknown };

const pressMutation: fc.Arbitrary<PressMutation> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ op: 'none' as const }) },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...Object.keys(BAD_PRESS))
      .chain((field) =>
        fc.record({ op: fc.constant('bad' as const), field: fc.constant(field), value: fc.constantFrom(...BAD_PRESS[field]!) }),
      ),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('any' as const), field: fc.constantFrom(...PRESS_FIELDS), value: anyValue }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), field: fc.constantFrom(...PRESS_FIELDS) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('unknown' as const),
      key: fc.oneof(
        nastyString,
        fc.constantFrom('__proto__', 'constructor', 'flag', 'channel', 'device_key', 'created_at', 'servicePoint', 'reference'),
      ),
      value: anyValue,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('time' as const),
      how: fc.constantFrom('future', 'too-old', 'slack', 'zone', 'edge'),
      ms: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('shape' as const),
      value: fc.oneof(
        anyValue.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
        fc.constantFrom(...oddObjects),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom({ op: 'upper' as const }, { op: 'reused' as const }) },
);

const define = (target: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

/** A press as sent, and what must become of it when the batch is answered 200 by an active tablet. */
function planPress(
  draft: PressDraft,
  m: PressMutation,
  sentAt: number,
  qrClientKey: string,
): { value: unknown; key?: string; fate: PressFate } {
  const { waited, ...fields } = draft;
  const press: Record<string, unknown> = { ...fields, pressedAt: new Date(sentAt - waited).toISOString() };
  const key = draft.clientKey;
  switch (m.op) {
    case 'none':
      return { value: press, key, fate: 'accept' };
    case 'upper':
      return { value: { ...press, clientKey: key.toUpperCase() }, key, fate: 'accept' };
    case 'reused':
      return { value: { ...press, clientKey: qrClientKey }, key: qrClientKey, fate: 'refuse' };
    case 'bad':
    case 'any':
      define(press, m.field, m.value);
      return { value: press, key: m.field === 'clientKey' ? undefined : key, fate: m.op === 'bad' ? 'refuse' : 'any' };
    case 'delete':
      delete press[m.field];
      return {
        value: press,
        key: m.field === 'clientKey' ? undefined : key,
        fate: m.field === 'reason' || m.field === 'locale' ? 'accept' : 'refuse',
      };
    case 'unknown':
      define(press, m.key, m.value);
      return { value: press, key, fate: PRESS_FIELDS.includes(m.key) ? 'any' : 'refuse' };
    case 'shape':
      return { value: m.value, fate: 'refuse' };
    case 'time': {
      // Future beyond the 2 minutes of slack, older than 7 days, inside the slack (clamped to now), another time zone.
      const at = {
        future: sentAt + 10 * 60_000 + (m.ms % DAY),
        'too-old': sentAt - 7 * DAY - 60_000 - (m.ms % (300 * DAY)),
        slack: sentAt + (m.ms % 90_000),
        zone: sentAt - waited,
        edge: sentAt + [-7 * DAY, -7 * DAY + 1_000, -7 * DAY - 1_000, 120_000, 121_000][m.ms % 5]!,
      }[m.how];
      const year = new Date(at).getUTCFullYear();
      press.pressedAt =
        m.how === 'zone' && year > 1970 && year < 9999
          ? new Date(at + 7 * 3_600_000).toISOString().replace('Z', '+07:00')
          : new Date(at).toISOString();
      const fate = {
        future: 'refuse',
        'too-old': 'refuse',
        slack: 'accept',
        zone: year > 1970 && year < 9999 ? 'accept' : 'any',
        edge: 'any',
      }[m.how];
      return { value: press, key, fate: fate as PressFate };
    }
  }
}

type CodeKind = 'active' | 'variant' | 'revoked' | 'retired' | 'unknown' | 'nasty' | 'wrong-type' | 'missing';
/** Which tablet: uniformly (fast-check leans to small numbers), so that no code reaches the rate limit before the others. */
const tablet = (codes: KioskCodes) => fc.noBias(fc.nat(codes.active.length - 1)).map((i) => codes.active[i]!);
const codeChoice = (codes: KioskCodes): fc.Arbitrary<{ kind: CodeKind; code?: unknown }> =>
  fc.oneof(
    { weight: 14, arbitrary: tablet(codes).map((code) => ({ kind: 'active' as const, code })) },
    {
      // A token altered on the way (a token is exact: unlike a typed code, no case or spacing is forgiven).
      weight: 2,
      arbitrary: fc.tuple(tablet(codes), fc.constantFrom('upper', 'spaced', 'padded', 'short')).map(([token, how]) => {
        const sent = {
          upper: token.toUpperCase() === token ? `${token.slice(0, -1)}-` : token.toUpperCase(),
          spaced: `${token.slice(0, 20)} ${token.slice(20)}`,
          padded: ` ${token}\t`,
          short: token.slice(1),
        }[how];
        return { kind: 'variant' as const, code: sent };
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'revoked' as const, code: codes.revoked }) },
    { weight: codes.retired ? 1 : 0, arbitrary: fc.constant({ kind: 'retired' as const, code: codes.retired }) },
    {
      // A device code where the token belongs: a code only pairs a tablet (POST /api/kiosk/pair), it never syncs.
      weight: 1,
      arbitrary: fc
        .array(fc.constantFrom(...CODE_ALPHABET), { minLength: 20, maxLength: 20 })
        .map((a) => ({ kind: 'unknown' as const, code: a.join('').replace(/(.{4})(?=.)/g, '$1-') })),
    },
    { weight: 1, arbitrary: nastyString.map((code) => ({ kind: 'nasty' as const, code })) },
    { weight: 1, arbitrary: anyValue.filter((v) => typeof v !== 'string').map((code) => ({ kind: 'wrong-type' as const, code })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
  );

type EnvelopeMutation = { op: 'bad' | 'any' | 'unknown'; key: string; value: unknown };
const envelopeMutation: fc.Arbitrary<EnvelopeMutation> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('bad' as const),
      key: fc.constant('sentAt'),
      value: fc.constantFrom('', 'now', 42, null, '2026-13-01T00:00:00Z', 'x'.repeat(41), {}, []),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('bad' as const),
      key: fc.constant('presses'),
      value: anyValue.filter((v) => !Array.isArray(v)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('bad' as const), key: fc.constant('locale'), value: fc.constantFrom('fr', 'TH', '', null, 7) }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('any' as const), key: fc.constantFrom(...SYNC_FIELDS), value: anyValue }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('unknown' as const),
      key: fc.oneof(nastyString, fc.constantFrom('__proto__', 'constructor', 'servicePoint', 'device', 'deviceId', 'clientKey', 'is_demo')),
      value: anyValue,
    }),
  },
);

const STATUSES_BY_CODE: Record<CodeKind, { statuses: number[]; error?: string }> = {
  active: { statuses: [200, 429] },
  variant: { statuses: [403, 429], error: 'kiosk_unknown' },
  retired: { statuses: [200, 429] },
  revoked: { statuses: [403, 429], error: 'kiosk_revoked' },
  unknown: { statuses: [403, 429], error: 'kiosk_unknown' },
  nasty: { statuses: [403, 429], error: 'kiosk_unknown' },
  'wrong-type': { statuses: [400, 429] },
  missing: { statuses: [400, 429] },
};

/** A batch as the tablet sends it, from a registered (or revoked, unknown, mangled) code, with presses good and bad. */
const kioskBatch = (codes: KioskCodes) =>
  fc
    .tuple(
      codeChoice(codes),
      sentAtMs,
      fc.oneof(
        { weight: 12, arbitrary: fc.array(fc.tuple(pressDraft, pressMutation), { maxLength: 6 }) },
        // Huge batches: up to the 200 presses allowed, past it, and past the 64 KiB a body may have.
        {
          weight: 1,
          arbitrary: fc
            .integer({ min: 150, max: 260 })
            .chain((n) => fc.array(fc.tuple(pressDraft, fc.constant<PressMutation>({ op: 'none' })), { minLength: n, maxLength: n })),
        },
        {
          weight: 1,
          arbitrary: fc
            .integer({ min: 700, max: 1_500 })
            .map((n) =>
              Array.from(
                { length: n },
                () =>
                  [{ clientKey: '00000000-0000-4000-8000-000000000000', rating: 3, waited: 0 }, { op: 'none' }] as [
                    PressDraft,
                    PressMutation,
                  ],
              ),
            ),
        },
      ),
      fc.option(fc.constantFrom(...LOCALES), { nil: undefined, freq: 3 }),
      fc.oneof(
        { weight: 4, arbitrary: fc.constant([] as EnvelopeMutation[]) },
        { weight: 1, arbitrary: fc.array(envelopeMutation, { minLength: 1, maxLength: 2 }) },
      ),
      fc.nat(5),
      fc.boolean(),
    )
    .map(([code, sentAt, drafts, locale, envelopeMutations, dupAt, resend]) => {
      const presses = drafts.map(([draft, m]) => planPress(draft, m, sentAt, codes.qrClientKey));
      // Now and then the same press twice in one batch: stored once, answered twice under one reference.
      if (presses.length > 0 && dupAt === 0 && presses[0]!.fate === 'accept') presses.push(presses[0]!);
      const body: Record<string, unknown> = { sentAt: new Date(sentAt).toISOString(), presses: presses.map((p) => p.value) };
      if (code.kind !== 'missing') body.token = code.code;
      if (locale) body.locale = locale;
      for (const m of envelopeMutations) define(body, m.key, m.value);
      const mutated = envelopeMutations.length > 0;
      const codeOk = code.kind === 'active';
      const allBad = envelopeMutations.every((m) => m.op === 'bad' || (m.op === 'unknown' && !SYNC_FIELDS.includes(m.key)));
      const expected: { statuses?: number[]; error?: string } =
        presses.length > 200 && (!mutated || allBad)
          ? { statuses: code.kind === 'nasty' ? [400, 403, 429] : [400, 429] }
          : !mutated
            ? STATUSES_BY_CODE[code.kind]
            : codeOk && allBad
              ? { statuses: [400, 429] }
              : {};
      // The presses' fates hold for the presses and the sentAt planned, not for ones a mutation of the body replaced.
      const replaced = presses.length > 200 || envelopeMutations.some((m) => m.key === 'presses' || m.key === 'sentAt');
      const fates = replaced ? [] : code.kind === 'retired' ? presses.map((p) => ({ ...p, fate: 'refuse' as const })) : presses;
      // Sent twice only when every press has a sure fate: one pressed 7 days back to the millisecond ("edge") is refused
      // or stored depending on the millisecond the database's clock reads, so it may go either way the second time.
      const sure = presses.every((p) => p.fate !== 'any');
      return { body, code, expected, presses: fates, resend: !mutated && codeOk && resend && sure && presses.length <= 6 };
    });

const sentKeys = (value: unknown): Set<string> => {
  const presses = (value as { presses?: unknown } | null)?.presses;
  const keys = Array.isArray(presses) ? presses.map((p) => (p as { clientKey?: unknown } | null)?.clientKey) : [];
  return new Set(keys.filter((k): k is string => typeof k === 'string').map((k) => k.toLowerCase()));
};

function kioskSyncCase(ctx: FuzzContext): fc.Arbitrary<FuzzCase> {
  const codes = ctx.kiosk;
  if (!codes) throw new Error('kiosk-sync needs registered tablets: fuzzContext(client, reference, kioskCodes)');
  const bytes = fc.oneof(
    {
      weight: 16,
      arbitrary: kioskBatch(codes).map((b) => ({ kind: `code-${b.code.kind}`, bytes: Buffer.from(JSON.stringify(b.body)), batch: b })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(kioskBatch(codes), fc.constantFrom(...SYNC_FIELDS, ...PRESS_FIELDS), anyValue, fc.boolean())
        .map(([b, key, value, first]) => {
          const text = JSON.stringify(b.body);
          const dup = `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`;
          // A field of the body twice (first or last), or of the first press.
          if (PRESS_FIELDS.includes(key))
            return { kind: 'duplicate-key-press', bytes: Buffer.from(text.replace('"presses":[{', `"presses":[{${dup},`)) };
          return { kind: 'duplicate-key', bytes: Buffer.from(first ? `{${dup},${text.slice(1)}` : `${text.slice(0, -1)},${dup}}`) };
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(kioskBatch(codes), fc.constantFrom(...BAD_UTF8), fc.nat(), fc.integer({ min: 0, max: 31 }), fc.boolean())
        .map(([b, bad, at, control, utf8]) => {
          const text = Buffer.from(JSON.stringify(b.body));
          return { kind: utf8 ? 'invalid-utf8' : 'raw-control', bytes: splice(text, at % (text.byteLength + 1), utf8 ? bad : [control]) };
        }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(kioskBatch(codes), fc.nat()).map(([b, cut]) => {
        const text = Buffer.from(JSON.stringify(b.body));
        return { kind: 'truncated', bytes: text.subarray(0, cut % text.byteLength) };
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(tablet(codes), fc.integer({ min: 100, max: 30_000 }), fc.constantFrom('clientKey', 'rating', 'presses'))
        .map(([code, depth, where]) => {
          const deep = '['.repeat(depth) + ']'.repeat(depth);
          const press =
            where === 'presses'
              ? deep
              : `{"clientKey":${where === 'clientKey' ? deep : '"3f1c2b9e-8a7d-4c3b-9e2f-1a2b3c4d5e6f"'},"rating":${where === 'rating' ? deep : 3},"pressedAt":"2026-11-26T08:00:00Z"}`;
          return {
            kind: `deep-${where}`,
            bytes: Buffer.from(`{"code":${JSON.stringify(code)},"sentAt":"2026-11-26T08:00:00Z","presses":[${press}]}`),
          };
        }),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => ({ kind: 'noise', bytes: Buffer.from(a) })) },
  );
  return fc
    .tuple(
      bytes,
      contentType,
      acceptLanguage,
      fc.oneof({ weight: 19, arbitrary: fc.constantFrom('same', 'none') }, { weight: 1, arbitrary: fc.constant('foreign') }),
    )
    .map(([body, type, language, origin]) => {
      const headers: Record<string, string> = { 'x-forwarded-for': freshAddress(), accept: 'application/json' };
      if (type) headers['content-type'] = type;
      if (language) headers['accept-language'] = language;
      if (origin !== 'none') headers.origin = origin === 'same' ? ctx.origin : 'https://evil.example';
      const parsed = parseAsServer(body.bytes, type, 64 * 1024);
      const batch = 'batch' in body ? body.batch : undefined;
      const count = Array.isArray((parsed as { presses?: unknown } | null | undefined)?.presses)
        ? (parsed as { presses: unknown[] }).presses.length
        : undefined;
      let plan: KioskPlan = { presses: [], sent: sentKeys(parsed), count };
      if (origin === 'foreign') plan = { ...plan, statuses: [403], error: 'forbidden_origin' };
      else if (!isJsonType(type)) plan = { ...plan, statuses: [415] };
      else if (body.bytes.byteLength > 64 * 1024) plan = { ...plan, statuses: [413] };
      else if (batch) plan = { ...plan, ...batch.expected, presses: batch.presses, resend: batch.resend };
      return {
        entry: 'kiosk-sync' as const,
        kind: body.kind,
        request: { method: 'POST' as const, path: '/api/kiosk/sync', headers, body: body.bytes },
        locale:
          origin === 'foreign'
            ? negotiated(undefined, language)
            : negotiated((parsed as { locale?: unknown } | null | undefined)?.locale, language),
        kiosk: plan,
      };
    });
}

export function arbitraryFor(entry: EntryName, ctx: FuzzContext): fc.Arbitrary<FuzzCase> {
  switch (entry) {
    case 'api-responses':
      return apiResponsesCase(ctx);
    case 'api-track':
      return apiTrackCase(ctx);
    case 'page-track':
      return pageTrackCase(ctx);
    case 'action-rating':
      return actionRatingCase(ctx);
    case 'action-survey':
      return actionSurveyCase(ctx);
    case 'kiosk-sync':
      return kioskSyncCase(ctx);
  }
}

// ------------------------------------------------------------------------------------------------------------------
// The property
// ------------------------------------------------------------------------------------------------------------------

/** accepted: the client key(s) the answer says were stored (a kiosk batch: several, also when another check fails). */
export type Verdict =
  { ok: true; accepted?: string | string[]; status: number } | { ok: false; problem: string; status: number; accepted?: string[] };

const isJson = (r: RawResponse) => /^application\/json/.test(String(r.headers['content-type'] ?? ''));
const escapedInjection = /<script>alert\(1\)<\/script>|<img src=x onerror=alert\(1\)>|<svg\/onload=alert\(1\)>/;

function checkJsonRefusal(r: RawResponse, locale: Locale, messages = ERROR_MESSAGES[locale]): string | undefined {
  if (!isJson(r)) return `a ${r.status} that is not JSON (${String(r.headers['content-type'])})`;
  let body: { error?: unknown; message?: unknown; fieldErrors?: unknown };
  try {
    body = r.json() as typeof body;
  } catch {
    return `a ${r.status} whose body is not valid JSON`;
  }
  if (typeof body.error !== 'string' || !/^[a-z_]+$/.test(body.error)) return `no error code: ${JSON.stringify(body).slice(0, 200)}`;
  if (typeof body.message !== 'string' || !messages.has(body.message)) {
    return `message not a ${locale} sentence from messages/${locale}.json: ${JSON.stringify(body.message)}`;
  }
  if (body.fieldErrors !== undefined) {
    if (typeof body.fieldErrors !== 'object' || body.fieldErrors === null) return 'fieldErrors is not an object';
    for (const [field, message] of Object.entries(body.fieldErrors)) {
      if (typeof message !== 'string' || !messages.has(message))
        return `fieldErrors.${field} is not a ${locale} sentence: ${JSON.stringify(message)}`;
    }
  }
  if (r.status === 429 && !r.headers['retry-after']) return '429 without Retry-After';
  return undefined;
}

/** A redirect must stay on the site and lead somewhere that answers (Next normalises "..", "." and trailing slashes). */
async function sameSiteRedirect(client: HttpClient, r: RawResponse): Promise<true | string | undefined> {
  if (r.status < 300 || r.status >= 400) return undefined;
  const location = String(r.headers.location ?? '');
  const target = new URL(location, client.origin);
  if (target.origin !== client.origin) return `redirect off the site: ${location}`;
  const next = await client.send({ method: 'GET', path: target.pathname + target.search, headers: { 'x-forwarded-for': freshAddress() } });
  return next.status >= 500 ? `the redirect to ${location} answers ${next.status}` : true;
}

function pageLang(html: string): string | undefined {
  return /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1];
}

type KioskAnswer = { accepted: Map<string, string>; stored: Map<string, number>; problem?: string };

/**
 * A 200 of the kiosk sync: one result per press read, an accepted key was sent and has one reference, a refusal is a
 * code. Every key the answer accepts is kept, also past a problem, so that what was stored is accounted for.
 */
function readKioskAnswer(r: RawResponse, plan: KioskPlan): KioskAnswer {
  const answer: KioskAnswer = { accepted: new Map(), stored: new Map() };
  const problem = (text: string) => void (answer.problem ??= text);
  let body: {
    device?: { servicePoint?: unknown };
    results?: { clientKey?: unknown; status?: unknown; reference?: unknown; error?: unknown }[];
  };
  try {
    body = r.json() as typeof body;
  } catch {
    return { ...answer, problem: 'a 200 whose body is not JSON' };
  }
  if (typeof body.device?.servicePoint !== 'string' || !Array.isArray(body.results))
    return { ...answer, problem: `a 200 without device or results: ${r.text().slice(0, 200)}` };
  if (plan.count !== undefined && body.results.length !== plan.count) problem(`${body.results.length} results for ${plan.count} presses`);
  for (const result of body.results) {
    if (typeof result.clientKey !== 'string') {
      problem(`a result without a client key: ${JSON.stringify(result)}`);
      continue;
    }
    const key = result.clientKey.toLowerCase();
    if (result.status === 'refused') {
      if (typeof result.error !== 'string' || !PRESS_CODES.has(result.error))
        problem(`a press refused with ${JSON.stringify(result.error)}: not a code of messages/ (errors or kiosk.errors)`);
    } else if (result.status !== 'stored' && result.status !== 'duplicate') {
      problem(`a result with status ${JSON.stringify(result.status)}`);
    } else if (typeof result.reference !== 'string' || !REFERENCE.test(result.reference)) {
      problem(`accepted without a reference: ${JSON.stringify(result)}`);
    } else {
      if (!plan.sent.has(key)) problem(`accepted a client key that was not sent: ${key}`);
      if ((answer.accepted.get(key) ?? result.reference) !== result.reference) problem(`one client key under two references: ${key}`);
      answer.accepted.set(key, result.reference);
      if (result.status === 'stored') answer.stored.set(key, (answer.stored.get(key) ?? 0) + 1);
    }
  }
  return answer;
}

/** The kiosk sync: the expected status, a localised refusal, and each press stored exactly once (sent again: duplicates). */
async function checkKioskSync(client: HttpClient, c: FuzzCase, r: RawResponse): Promise<Verdict> {
  const plan = c.kiosk!;
  const fail = (problem: string): Verdict => ({ ok: false, problem, status: r.status });
  if (plan.statuses && !plan.statuses.includes(r.status))
    return fail(`expected ${plan.statuses.join(' or ')}, got ${r.status}: ${r.text().slice(0, 300)}`);
  if (r.status !== 200) {
    if (r.status < 400) return fail(`unexpected status ${r.status}`);
    const problem = checkJsonRefusal(r, c.locale, KIOSK_MESSAGES[c.locale]);
    if (problem) return fail(problem);
    const error = (r.json() as { error?: unknown }).error;
    if (plan.error && r.status !== 429 && error !== plan.error) return fail(`refused with ${String(error)} instead of ${plan.error}`);
    return { ok: true, status: r.status };
  }
  const answer = readKioskAnswer(r, plan);
  const accepted = [...answer.accepted.keys()];
  const refuse = (problem: string): Verdict => ({ ok: false, problem, status: r.status, accepted });
  if (answer.problem) return refuse(answer.problem);
  for (const p of plan.presses) {
    const key = p.key?.toLowerCase() ?? '';
    if (p.fate === 'accept' && answer.stored.get(key) !== 1)
      return refuse(`a valid press was not stored exactly once: ${p.key} (${answer.accepted.has(key) ? 'duplicate' : 'refused'})`);
    if (p.fate === 'refuse' && answer.accepted.has(key)) return refuse(`an invalid press was accepted: ${p.key}`);
  }
  for (const [key, times] of answer.stored) if (times > 1) return refuse(`stored twice in one batch: ${key}`);
  if (plan.resend) {
    const again = await client.send({ ...c.request, headers: { ...c.request.headers, 'x-forwarded-for': freshAddress() } });
    if (again.status === 429) return { ok: true, accepted, status: 200 };
    if (again.status !== 200) return refuse(`the same batch sent again was answered ${again.status}`);
    const second = readKioskAnswer(again, plan);
    accepted.push(...second.accepted.keys());
    if (second.problem) return refuse(`sent again: ${second.problem}`);
    if (second.stored.size) return refuse(`the same batch sent again stored ${second.stored.size} press(es) again`);
    for (const [key, reference] of answer.accepted) {
      if (second.accepted.get(key) !== reference)
        return refuse(`sent again, ${key} was answered ${second.accepted.get(key)} instead of ${reference}`);
    }
  }
  return { ok: true, accepted, status: 200 };
}

/** Send one case and judge the answer (following an action's redirect, as a browser would). */
export async function runCase(client: HttpClient, c: FuzzCase): Promise<Verdict> {
  const r = await client.send(c.request);
  const fail = (problem: string): Verdict => ({ ok: false, problem, status: r.status });
  if (r.status >= 500) return fail(`status ${r.status}: ${r.text().slice(0, 300)}`);

  switch (c.entry) {
    case 'kiosk-sync':
      return checkKioskSync(client, c, r);
    case 'api-responses': {
      if (r.status === 200 || r.status === 201) {
        const body = r.json() as { reference?: string; receiptCode?: string; clientKey?: string };
        if (!REFERENCE.test(body.reference ?? '')) return fail(`accepted without a reference: ${r.text().slice(0, 200)}`);
        if (!RECEIPT_CODE.test(body.receiptCode ?? '')) return fail(`accepted without a receipt code: ${r.text().slice(0, 200)}`);
        if (!c.clientKey) return fail('accepted a body without a client key');
        // The key it was stored under: the one sent, or a new one when the one sent was not this caller's to amend.
        return { ok: true, accepted: body.clientKey ?? c.clientKey, status: r.status };
      }
      if (r.status < 400) return fail(`unexpected status ${r.status}`);
      const problem = checkJsonRefusal(r, c.locale);
      return problem ? fail(problem) : { ok: true, status: r.status };
    }
    case 'api-track': {
      const redirect = await sameSiteRedirect(client, r);
      if (redirect !== undefined) return redirect === true ? { ok: true, status: r.status } : fail(redirect);
      if (r.status === 200) {
        const body = r.json() as { reference?: string; suggestion?: unknown };
        if (!REFERENCE.test(body.reference ?? '')) return fail(`200 without a reference: ${r.text().slice(0, 200)}`);
        if (/"(phone|email|text|name)"/.test(r.text())) return fail('tracking answer carries personal data');
        return { ok: true, status: 200 };
      }
      if (r.status < 400) return fail(`unexpected status ${r.status}`);
      if (r.status === 404 && !isJson(r)) {
        // A path Next itself does not route (for example one that decodes to a "/"): its own localised 404 page.
        return r.text().includes('<html') ? { ok: true, status: 404 } : fail(`a 404 that is neither JSON nor a page`);
      }
      const problem = checkJsonRefusal(r, c.locale);
      return problem ? fail(problem) : { ok: true, status: r.status };
    }
    case 'page-track': {
      const redirect = await sameSiteRedirect(client, r);
      if (redirect !== undefined) return redirect === true ? { ok: true, status: r.status } : fail(redirect);
      const html = r.text();
      if (escapedInjection.test(html)) return fail('an injected tag reached the page unescaped');
      if (![200, 400, 404, 414].includes(r.status)) return fail(`unexpected status ${r.status}`);
      const lang = pageLang(html);
      if (!lang || !(LOCALES as readonly string[]).includes(lang)) return fail(`page without a known lang (${lang})`);
      const text = htmlText(html);
      if (r.status === 400 || r.status === 414) {
        const alert = /role="alert"[^>]*>([^<]+)</.exec(html)?.[1];
        if (!alert || !ERROR_MESSAGES[lang as Locale].has(htmlText(alert))) return fail(`a ${r.status} page without a ${lang} message`);
      }
      if (
        r.status === 200 &&
        !text.includes(TRACK_NOT_FOUND[lang as Locale]) &&
        !text.includes(TRACK_TOO_MANY[lang as Locale]) &&
        !text.includes(TRACK_NEEDS_CODE[lang as Locale]) &&
        !/[A-Z]{2,6}-\d{4}-\d{6}-[A-Z]{4}/.test(text)
      ) {
        return fail('a 200 page that is neither the status, nor "not found", nor "too many"');
      }
      return { ok: true, status: r.status };
    }
    case 'action-rating':
    case 'action-survey': {
      if (r.status === 303 || r.status === 302 || r.status === 307 || r.status === 308) {
        const location = String(r.headers.location ?? '');
        const target = new URL(location, client.origin);
        if (target.origin !== client.origin) return fail(`redirect off the site: ${location}`);
        const accepted =
          c.entry === 'action-rating'
            ? /\/s\/[a-z0-9-]+\/more$/.test(target.pathname) && RECEIPT_CODE.test(target.searchParams.get('ref') ?? '')
            : /\/s\/[a-z0-9-]+\/thanks$/.test(target.pathname) && RECEIPT_CODE.test(target.searchParams.get('ref') ?? '');
        if (accepted) {
          if (c.entry === 'action-rating' && target.searchParams.get('k') !== c.clientKey) return fail('accepted under another client key');
          return { ok: true, accepted: c.clientKey, status: r.status };
        }
        const page = await client.send({
          method: 'GET',
          path: target.pathname + target.search,
          headers: { 'x-forwarded-for': freshAddress(), accept: 'text/html' },
        });
        if (page.status >= 500) return fail(`the redirect to ${location} answers ${page.status}`);
        const code = target.searchParams.get('error');
        if (code && page.status === 200) {
          const lang = pageLang(page.text()) as Locale;
          const alert = /role="alert"[^>]*>([^<]+)</.exec(page.text())?.[1];
          if (!alert || !ERROR_MESSAGES[lang]?.has(htmlText(alert)))
            return fail(`refusal page (${location}) shows no ${lang} error message`);
        }
        return { ok: true, status: r.status };
      }
      const html = r.text();
      if (escapedInjection.test(html)) return fail('an injected tag reached the page unescaped');
      if (r.status === 200 && c.entry === 'action-survey' && c.kind === 'action') {
        const alert = /role="alert"[^>]*>([^<]+)</.exec(html)?.[1];
        if (!alert || !ERROR_MESSAGES[c.locale].has(htmlText(alert)))
          return fail(`the form came back without a ${c.locale} error message (${alert})`);
        return { ok: true, status: 200 };
      }
      // A post without an action id, or with one this build does not have, is answered by Next.js itself (400
      // "Invalid Server Action request", 409 "Server Action unavailable"): no action runs, nothing is stored.
      if (c.kind !== 'action' && r.status >= 400 && r.status < 500) return { ok: true, status: r.status };
      if (r.status === 200 && c.kind === 'no-action') return { ok: true, status: r.status };
      return fail(`unexpected status ${r.status} for a ${c.kind} post`);
    }
  }
}

export interface EntryReport {
  entry: EntryName;
  runs: number;
  seed: number;
  ms: number;
  statuses: Record<string, number>;
  kinds: Record<string, number>;
  /** Answers by kind of case and status ("code-revoked 403"). */
  byKind: Record<string, number>;
  /** Client keys of accepted cases (each stored at most once: later ones with the same key update it). */
  accepted: Set<string>;
  failures: { index: number; kind: string; problem: string; request: string }[];
}

function describe(c: FuzzCase): string {
  const body = c.request.body
    ? ` body(${c.request.body.byteLength} B)=${JSON.stringify(c.request.body.subarray(0, 300).toString('latin1'))}`
    : '';
  return `${c.request.method} ${c.request.path.slice(0, 200)} ${JSON.stringify(c.request.headers)}${body}`;
}

/** Generate `runs` cases for an entry point with fast-check (reproducible by seed) and send them, `concurrency` at a time. */
export async function fuzzEntry(options: {
  client: HttpClient;
  entry: EntryName;
  ctx: FuzzContext;
  runs: number;
  seed: number;
  concurrency?: number;
  onProgress?: (done: number) => void;
}): Promise<EntryReport> {
  const started = Date.now();
  const report: EntryReport = {
    entry: options.entry,
    runs: options.runs,
    seed: options.seed,
    ms: 0,
    statuses: {},
    kinds: {},
    byKind: {},
    accepted: new Set(),
    failures: [],
  };
  const arbitrary = arbitraryFor(options.entry, options.ctx);
  const batch = 500;
  for (let from = 0; from < options.runs; from += batch) {
    const cases = fc.sample(arbitrary, { numRuns: Math.min(batch, options.runs - from), seed: options.seed + from });
    await pool(cases, options.concurrency ?? 4, async (c, i) => {
      let verdict: Verdict;
      try {
        verdict = await runCase(options.client, c);
      } catch (error) {
        verdict = { ok: false, problem: `request failed: ${(error as Error).message}`, status: 0 };
      }
      report.statuses[verdict.status] = (report.statuses[verdict.status] ?? 0) + 1;
      report.kinds[c.kind] = (report.kinds[c.kind] ?? 0) + 1;
      report.byKind[`${c.kind} ${verdict.status}`] = (report.byKind[`${c.kind} ${verdict.status}`] ?? 0) + 1;
      for (const key of [verdict.accepted ?? []].flat()) report.accepted.add(key);
      if (!verdict.ok && report.failures.length < 50)
        report.failures.push({ index: from + i, kind: c.kind, problem: verdict.problem, request: describe(c) });
    });
    options.onProgress?.(Math.min(from + batch, options.runs));
  }
  report.ms = Date.now() - started;
  return report;
}

/** The hidden fields of the server-action forms, read from the pages as a browser without JavaScript sees them. */
export async function actionFieldsOf(client: HttpClient, pagePath: string): Promise<[string, string][]> {
  const page = await client.send({ method: 'GET', path: pagePath, headers: { accept: 'text/html', 'x-forwarded-for': freshAddress() } });
  if (page.status !== 200) throw new Error(`${pagePath} answered ${page.status}`);
  const fields: [string, string][] = [];
  for (const tag of page.text().match(/<input[^>]*>/g) ?? []) {
    const name = /\sname="([^"]*)"/.exec(tag)?.[1];
    if (!name || !name.startsWith('$ACTION')) continue;
    fields.push([htmlText(name), htmlText(/\svalue="([^"]*)"/.exec(tag)?.[1] ?? '')]);
  }
  if (fields.length === 0) throw new Error(`no server action on ${pagePath}`);
  return fields;
}

/** Submit one valid response through the JSON API: its reference's sequence number is the probe of what was stored.
 *  Returns the receipt code (reference + check code), which also opens its status page. */
export async function probeReference(client: HttpClient, clientKey: string): Promise<string> {
  const r = await client.send({
    method: 'POST',
    path: '/api/responses',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': freshAddress() },
    body: Buffer.from(JSON.stringify({ clientKey, servicePoint: 'complaints-centre', locale: 'en', overallRating: 3 })),
  });
  if (r.status !== 201) throw new Error(`the probe was not created: ${r.status} ${r.text()}`);
  return (r.json() as { receiptCode: string }).receiptCode;
}

export const sequenceOf = (reference: string) => Number(reference.split('-')[2]);

export async function fuzzContext(client: HttpClient, knownReference: string, kiosk?: KioskCodes): Promise<FuzzContext> {
  return {
    origin: client.origin,
    // The survey pages redirect to an address that carries a fresh client key (?k=…); asking with one gets the page itself.
    ratingAction: await actionFieldsOf(client, `/th/s/civil-registration?k=${crypto.randomUUID()}`),
    surveyAction: await actionFieldsOf(client, `/th/s/civil-registration/more?k=${crypto.randomUUID()}`),
    knownReference,
    kiosk,
  };
}
