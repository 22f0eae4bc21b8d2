// A bundle file verified as the CLI does it (read in a stream, entries hashed from their bytes
// when they already are canonical: raw-entry.ts) must get exactly the report of the in-memory
// verifier on JSON.parse of the same file (every entry parsed and canonicalised), for honest
// files, files written another way, and tampered ones.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/canonical/canonical-json.ts';
import { readBundleFile } from '../../shared/cli/audit/bundle-file.ts';
import type { EntrySource } from '../../shared/tlog/entry-source.ts';
import type { AuditBundle, BundleEntry, VerifyReport } from '../../shared/tlog/index.ts';
import { entryLeafHash, toBase64, verifyBundle } from '../../shared/tlog/index.ts';
import { verifyBundleWith } from '../../shared/tlog/verify-bundle.ts';
import { makeBundle, testKey } from './fixtures.ts';

type Entry = BundleEntry<Record<string, unknown>>;

const key = testKey();
const pinned = { name: key.name, publicKey: key.publicKey };
const COUNT = 40;
const honest = await makeBundle({
  count: COUNT,
  checkpointSizes: [8, 20, 33, 40],
  key,
  inclusion: [{ index: 3 }],
});
const receipts = [
  { eventId: honest.entries[5]?.event.eventId as string },
  { index: 30, eventId: honest.entries[30]?.event.eventId as string },
];
const dir = mkdtempSync(join(tmpdir(), 'eproc-streamed-verify-'));
let files = 0;

const rehashed = (seq: number, event: unknown): string => toBase64(entryLeafHash(seq, event));

/** The bundle file, entry texts (bytes or text) given by `text`; the rest as JSON.stringify writes it. */
function bundleFile(
  text: (entry: Entry, i: number) => string | Uint8Array = (e) => JSON.stringify(e),
): Buffer {
  const skeleton = JSON.stringify({ ...honest, entries: [] });
  const at = skeleton.indexOf('"entries":[]') + '"entries":['.length;
  const parts: Buffer[] = [Buffer.from(skeleton.slice(0, at))];
  (honest.entries as Entry[]).forEach((entry, i) => {
    if (i > 0) parts.push(Buffer.from(','));
    parts.push(Buffer.from(text(entry, i)));
  });
  parts.push(Buffer.from(skeleton.slice(at)));
  return Buffer.concat(parts);
}

type Outcome = VerifyReport | 'not JSON';

/** What `eproc audit verify` concludes, and how often it had to parse entries (the slow path). */
function streamed(bytes: Buffer): { outcome: Outcome; parsedEntries: number } {
  const file = join(dir, `bundle-${files++}.json`);
  writeFileSync(file, bytes);
  let read: ReturnType<typeof readBundleFile>;
  try {
    read = readBundleFile(file);
  } catch (error) {
    if (error instanceof SyntaxError) return { outcome: 'not JSON', parsedEntries: 0 };
    throw error;
  }
  const { bundle, entries } = read;
  let parsedEntries = 0;
  const counted: EntrySource | undefined = entries && {
    length: entries.length,
    at: (index) => {
      parsedEntries++;
      return entries.at(index);
    },
    ...(entries.raw ? { raw: entries.raw.bind(entries) } : {}),
  };
  try {
    const report = verifyBundleWith(bundle, counted, { pinnedPublicKey: pinned, receipts });
    if (!report.ok) entries?.rest();
    return { outcome: report, parsedEntries };
  } catch (error) {
    if (error instanceof SyntaxError) return { outcome: 'not JSON', parsedEntries };
    throw error;
  }
}

/** The in-memory verifier on the whole file parsed at once. */
function inMemory(bytes: Buffer): Outcome {
  let bundle: AuditBundle;
  try {
    bundle = JSON.parse(bytes.toString('utf8')) as AuditBundle;
  } catch {
    return 'not JSON';
  }
  return verifyBundle(bundle, { pinnedPublicKey: pinned, receipts });
}

/** Entry 5 (or `index`) written by `write`, the others as the bundle writer writes them. */
const withEntry =
  (write: (entry: Entry) => string | Uint8Array, index = 5) =>
  (entry: Entry, i: number) =>
    i === index ? write(entry) : JSON.stringify(entry);

const reversed = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(reversed)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([k, v]) => [k, reversed(v)]),
        )
      : value;

/**
 * Entry 5 in the bundle's own layout with its event written as `event` (not canonically) and a
 * leaf hash over those bytes as written: what a fast path that hashed without checking would
 * accept, and the canonicalising verifier refuses.
 */
const hashedAsWritten = (event: string | Uint8Array): Buffer => {
  const eventBytes = Buffer.from(event);
  const hashed = Buffer.concat([Buffer.from('\u0000{"event":'), eventBytes, Buffer.from(',"seq":5}')]);
  const leafHash = createHash('sha256').update(hashed).digest('base64');
  return Buffer.concat([
    Buffer.from('{"seq":5,"event":'),
    eventBytes,
    Buffer.from(`,"leafHash":"${leafHash}"}`),
  ]);
};

const deep = (depth: number): unknown => (depth === 0 ? 1 : [deep(depth - 1)]);

describe('streamed verification with the canonical fast path', () => {
  it('hashes an honest bundle from its bytes, parsing no entry, with the in-memory report', () => {
    const bytes = bundleFile();
    const { outcome, parsedEntries } = streamed(bytes);
    expect(outcome).toMatchObject({
      ok: true,
      entries: COUNT,
      receipts: [
        { receipt: 0, index: 5 },
        { receipt: 1, index: 30 },
      ],
    });
    expect(outcome).toEqual(inMemory(bytes));
    // Entries reveal and receipts read are parsed only when asked: none here.
    expect(parsedEntries).toBe(0);
  });

  const cases: [string, (entry: Entry, i: number) => string | Uint8Array][] = [
    [
      'event keys out of order (same value)',
      withEntry((e) => JSON.stringify({ ...e, event: reversed(e.event) })),
    ],
    ['blanks', withEntry((e) => JSON.stringify(e, null, 2))],
    [
      'entry keys in another order',
      withEntry((e) => JSON.stringify({ leafHash: e.leafHash, event: e.event, seq: e.seq })),
    ],
    ['an extra entry key', withEntry((e) => JSON.stringify({ ...e, note: 1 }))],
    [
      'a number written as 370.0',
      withEntry((e) => JSON.stringify(e).replace(/"amount":(\d+)/, '"amount":$1.0')),
    ],
    [
      'a number written as 3.7e2',
      withEntry((e) => JSON.stringify(e).replace(/"amount":(\d+)/, '"amount":$1e0')),
    ],
    [
      'an escaped slash, leaf hash recomputed',
      withEntry((e) => {
        const event = { ...e.event, note: 'a/b' };
        return JSON.stringify({ seq: 5, event, leafHash: rehashed(5, event) }).replace('a/b', 'a\\/b');
      }),
    ],
    [
      'an escaped letter in the leaf hash',
      withEntry((e) =>
        JSON.stringify(e).replace(
          /"leafHash":"(.)/,
          (_m, c: string) => `"leafHash":"\\u00${c.charCodeAt(0).toString(16)}`,
        ),
      ),
    ],
    ['seq written as 5.0', withEntry((e) => JSON.stringify(e).replace('"seq":5', '"seq":5.0'))],
    ['seq as a string', withEntry((e) => JSON.stringify(e).replace('"seq":5', '"seq":"5"'))],
    ['seq of another entry', withEntry((e) => JSON.stringify(e).replace('"seq":5', '"seq":6'))],
    ['seq written as -0', withEntry((e) => JSON.stringify(e).replace('"seq":0', '"seq":-0'), 0)],
    ['a changed amount', withEntry((e) => JSON.stringify({ ...e, event: { ...e.event, amount: 1 } }))],
    [
      'a changed amount, leaf hash recomputed',
      withEntry((e) =>
        JSON.stringify({
          ...e,
          event: { ...e.event, tenderId: 'T-x' },
          leafHash: rehashed(5, { ...e.event, tenderId: 'T-x' }),
        }),
      ),
    ],
    [
      'one leaf hash character changed',
      withEntry((e) =>
        JSON.stringify({ ...e, leafHash: `${e.leafHash[0] === 'A' ? 'B' : 'A'}${e.leafHash.slice(1)}` }),
      ),
    ],
    [
      'two event keys, the tampered one first',
      withEntry((e) =>
        JSON.stringify(e).replace(
          '"event":',
          `"event":${JSON.stringify({ ...e.event, tenderId: 'T-x' })},"event":`,
        ),
      ),
    ],
    [
      'two event keys, the tampered one last',
      withEntry((e) =>
        JSON.stringify(e).replace(
          ',"leafHash"',
          `,"event":${JSON.stringify({ ...e.event, tenderId: 'T-x' })},"leafHash"`,
        ),
      ),
    ],
    [
      'a duplicate key inside the event',
      withEntry((e) => JSON.stringify(e).replace('"action":', '"action":"x","action":')),
    ],
    [
      'invalid UTF-8 in an event string, leaf hash of what JSON.parse reads',
      withEntry((e) => {
        const event = { ...e.event, note: 'a\ufffdb' };
        const bytes = Buffer.from(JSON.stringify({ seq: 5, event, leafHash: rehashed(5, event) }));
        const at = bytes.indexOf(Buffer.from('a\ufffdb'));
        return Buffer.concat([bytes.subarray(0, at + 1), Buffer.from([0xff]), bytes.subarray(at + 4)]);
      }),
    ],
    [
      'a lone surrogate, leaf hash recomputed',
      withEntry((e) => {
        const event = { ...e.event, note: '\ud800' };
        return JSON.stringify({ seq: 5, event, leafHash: rehashed(5, event) });
      }),
    ],
    [
      'deep nesting, leaf hash recomputed',
      withEntry((e) => {
        const event = { ...e.event, change: deep(80) };
        return JSON.stringify({ seq: 5, event, leafHash: rehashed(5, event) });
      }),
    ],
    ['a missing entry', (e, i) => (i === 5 ? JSON.stringify(honest.entries[6]) : JSON.stringify(e))],
    ['entries swapped', (_e, i) => JSON.stringify(honest.entries[i === 5 ? 6 : i === 6 ? 5 : i])],
    ['garbage after an entry', withEntry((e) => `${JSON.stringify(e)} x`)],
    ['garbage after the last entry', withEntry((e) => `${JSON.stringify(e)}]]`, COUNT - 1)],
    ['an unterminated entry', withEntry((e) => JSON.stringify(e).slice(0, -1))],
  ];

  /** The event with a top-level note, keys in canonical order, so only the note's form can differ. */
  const withNote = (e: Entry, note: string): string =>
    JSON.stringify(JSON.parse(canonicalJson({ ...e.event, note })));
  const invalidUtf8 = (e: Entry) => {
    const bytes = Buffer.from(withNote(e, 'a\ufffdb'));
    const at = bytes.indexOf(Buffer.from('a\ufffdb'));
    return Buffer.concat([bytes.subarray(0, at + 1), Buffer.from([0xff]), bytes.subarray(at + 4)]);
  };
  const asWritten: [string, (entry: Entry) => string | Uint8Array][] = [
    ['event keys out of order', (e) => JSON.stringify(reversed(e.event))],
    ['a blank in the event', (e) => JSON.stringify(e.event).replace('":', '": ')],
    [
      'a duplicate key in the event',
      (e) => JSON.stringify(e.event).replace('"action":', '"action":"x","action":'),
    ],
    [
      'a key sorted with its quotes',
      (e) => JSON.stringify({ a: 1, ...e.event }).replace('{"a":1', '{"actor!":1'),
    ],
    ['370.0', (e) => JSON.stringify(e.event).replace(/"amount":(\d+)/, '"amount":$1.0')],
    ['3.7e2', (e) => JSON.stringify(e.event).replace(/"amount":(\d+)/, '"amount":$1e0')],
    ['-0', (e) => JSON.stringify(e.event).replace(/"amount":(\d+)/, '"amount":-0')],
    [
      'an integer past 2^53',
      (e) => JSON.stringify(e.event).replace(/"amount":(\d+)/, '"amount":12345678901234567890'),
    ],
    ['a huge exponent', (e) => JSON.stringify(e.event).replace(/"amount":(\d+)/, '"amount":1e400')],
    ['an escaped slash', (e) => withNote(e, 'a/b').replace('a/b', 'a\\/b')],
    ['an escaped letter in a key', (e) => JSON.stringify(e.event).replace('"tender', '"\\u0074ender')],
    ['an escaped letter', (e) => withNote(e, 'tab').replace('"tab"', '"\\u0074ab"')],
    ['an upper-case escape', (e) => withNote(e, '\u001f').replace('\\u001f', '\\u001F')],
    ['a \\u escape of a newline', (e) => withNote(e, '\n').replace('\\n', '\\u000a')],
    ['a raw tab', (e) => withNote(e, '\t').replace('\\t', '\t')],
    ['invalid UTF-8', invalidUtf8],
    [
      'an overlong encoding',
      (e) => Buffer.from(invalidUtf8(e).toString('latin1').replace('\u00ff', '\u00c1\u00a1'), 'latin1'),
    ],
  ];

  it.each(asWritten)('refuses, as the in-memory verifier does, %s hashed as written', (_name, event) => {
    const bytes = bundleFile(withEntry((e) => hashedAsWritten(event(e))));
    const report = inMemory(bytes);
    // A raw control character is not even JSON.
    if (report !== 'not JSON') expect(report).toMatchObject({ ok: false, index: 5 });
    expect(streamed(bytes).outcome).toEqual(report);
  });

  it('passes the leaf hash check for an event hashed as written when it is canonical (the helpers are right)', () => {
    const bytes = bundleFile(withEntry((e) => hashedAsWritten(withNote(e, 'a/b \u0001 ä'))));
    // The note changed entry 5, so only the signed root can tell; its leaf hash is the right one.
    expect(inMemory(bytes)).toMatchObject({ ok: false, reason: 'root mismatch' });
    expect(streamed(bytes).outcome).toEqual(inMemory(bytes));
  });

  it.each(cases)('gives the in-memory report for %s', (_name, text) => {
    const bytes = bundleFile(text);
    expect(streamed(bytes).outcome).toEqual(inMemory(bytes));
  });

  it('refuses what the in-memory verifier refuses, and names the same entry', () => {
    const tampered = bundleFile(withEntry((e) => JSON.stringify({ ...e, event: { ...e.event, amount: 1 } })));
    expect(streamed(tampered).outcome).toMatchObject({ ok: false, reason: 'leaf hash mismatch', index: 5 });
    const wrongSeq = bundleFile(withEntry((e) => JSON.stringify(e).replace('"seq":5', '"seq":6')));
    expect(streamed(wrongSeq).outcome).toMatchObject({
      ok: false,
      reason: 'sequence number mismatch',
      index: 5,
    });
    const short = bundleFile((e, i) =>
      i === COUNT - 1 ? JSON.stringify(honest.entries[COUNT - 2]) : JSON.stringify(e),
    );
    expect(streamed(short).outcome).toMatchObject({ ok: false });
  });

  it('finds the same entries however the file is cut into reads', () => {
    const tricky = bundleFile(
      withEntry((e) => {
        const event = { ...e.event, note: 'a\\"]},{\\\\"x\\' };
        return JSON.stringify({ seq: 5, event, leafHash: rehashed(5, event) });
      }),
    );
    const file = join(dir, 'tricky.json');
    writeFileSync(file, tricky);
    const whole = readBundleFile(file);
    const texts = (read: ReturnType<typeof readBundleFile>) =>
      Array.from({ length: read.entries?.length ?? 0 }, (_, i) => JSON.stringify(read.entries?.at(i)));
    expect(whole.entries?.length).toBe(COUNT);
    for (const chunk of [1, 2, 3, 5, 7, 64, 1000]) {
      const cut = readBundleFile(file, chunk);
      expect(cut.bundle).toEqual(whole.bundle);
      expect(texts(cut)).toEqual(texts(whole));
    }
    expect(streamed(tricky).outcome).toEqual(inMemory(tricky));
    expect(inMemory(tricky)).toMatchObject({ ok: false, reason: 'root mismatch' });
  });

  it('reads the file whole when another key JSON.parse reads as "entries" comes later', () => {
    const bytes = Buffer.concat([bundleFile().subarray(0, -1), Buffer.from(',"entr\\u0069es":[]}')]);
    const report = inMemory(bytes);
    expect(report).toMatchObject({ ok: false, reason: 'missing entries' });
    expect(streamed(bytes).outcome).toEqual(report);
  });
});
