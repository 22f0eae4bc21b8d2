// Each indicator one step below, at and above its threshold, on hand-made compiled releases.
import { describe, expect, it } from 'vitest';
import { award, bid, flags } from './helpers.ts';

const period = (days: number, extraSeconds = 0) => ({
  startDate: '2025-03-01T09:00:00+07:00',
  endDate: new Date(
    Date.parse('2025-03-01T02:00:00Z') + days * 86_400_000 + extraSeconds * 1000,
  ).toISOString(),
});

describe('R003 short submission period', () => {
  const release = (days: number, extra = {}, seconds = 0) => ({
    ocid: 'P',
    tender: { tenderPeriod: period(days, seconds), procurementMethod: 'open', ...extra },
  });
  it('flags under 15 whole days, not at or above', () => {
    expect(flags([release(14)], '[R003]')).toEqual({ OCID: { P: { R003: 1 } } });
    expect(flags([release(14, {}, 86_399)], '[R003]')).toEqual({ OCID: { P: { R003: 1 } } }); // 14 days 23:59:59
    expect(flags([release(15)], '[R003]')).toEqual({});
    expect(flags([release(16)], '[R003]')).toEqual({});
  });
  it('uses a set threshold, a per-procurementMethodDetails threshold and a method filter', () => {
    expect(flags([release(9)], '[R003]\nthreshold = 10')).toEqual({ OCID: { P: { R003: 1 } } });
    expect(flags([release(10)], '[R003]\nthreshold = 10')).toEqual({});
    const ini = '[R003.procurement_method_details]\nChào hàng cạnh tranh = 5';
    const details = { procurementMethodDetails: 'Chào hàng cạnh tranh' };
    expect(flags([release(4, details)], ini)).toEqual({ OCID: { P: { R003: 1 } } });
    expect(flags([release(5, details)], ini)).toEqual({});
    expect(flags([release(5)], ini)).toEqual({ OCID: { P: { R003: 1 } } }); // other details: 15
    expect(
      flags([release(3, { procurementMethod: 'direct' })], '[R003]\nprocurement_methods = open'),
    ).toEqual({});
  });
  it('needs RFC 3339 instants', () => {
    const bad = { ocid: 'P', tender: { tenderPeriod: { startDate: '2025-03-01', endDate: '2025-03-02' } } };
    expect(flags([bad], '[R003]')).toEqual({});
  });
});

describe('R018 single bid received', () => {
  const release = (numberOfTenderers: number, procurementMethod = 'open') => ({
    ocid: 'P',
    tender: { numberOfTenderers, procurementMethod },
  });
  it('flags exactly one tenderer on open and selective procedures', () => {
    expect(flags([release(0)], '[R018]')).toEqual({});
    expect(flags([release(1)], '[R018]')).toEqual({ OCID: { P: { R018: 1 } } });
    expect(flags([release(1, 'selective')], '[R018]')).toEqual({ OCID: { P: { R018: 1 } } });
    expect(flags([release(2)], '[R018]')).toEqual({});
    expect(flags([release(1, 'direct')], '[R018]')).toEqual({});
    expect(flags([release(1, 'direct')], '[R018]\nprocurement_methods = direct')).toEqual({
      OCID: { P: { R018: 1 } },
    });
  });
});

const gapOf = (gap: number): number => (100 * (1 + gap) - 100) / 100;

// A process won by W at 100 with a second-lowest bid from L at 100 * (1 + gap).
const priced = (ocid: string, gap: number, extra: Record<string, unknown> = {}) => ({
  ocid,
  bids: { details: [bid('W', 'valid', 100), bid('L', 'valid', 100 * (1 + gap)), bid('X', 'valid', 1000)] },
  awards: [award('W')],
  ...extra,
});

describe('R024 price close to winning bid and R058 heavily discounted bid', () => {
  it('R024 with a threshold flags at and below it, with the winner and the second-lowest bidder', () => {
    const ini = '[R024]\nthreshold = 0.05';
    expect(flags([priced('below', 0.04), priced('at', 0.05), priced('above', 0.06)], ini)).toEqual({
      OCID: { below: { R024: gapOf(0.04) }, at: { R024: gapOf(0.05) } },
      Tenderer: { W: { R024: 0 }, L: { R024: 0 } },
    });
  });

  it('R024 fence: Q1 - 1.5 IQR over all gaps', () => {
    // Gaps 0.05..0.07 and one at 0.01: Q1 0.05, Q3 0.07, lower fence 0.02.
    const releases = [0.05, 0.05, 0.06, 0.07, 0.07, 0.01].map((gap, i) => priced(`p${i}`, gap));
    const out = flags(releases, '[R024]', { meta: true });
    expect(Object.keys(out.OCID ?? {})).toEqual(['p5']);
    expect(out.Meta?.R024).toEqual({ q1: 0.0467, q3: 0.07, lower_fence: 0.0117 });
  });

  it('R024 excludes pending awards, several active awards, shared bids, and a winner that was not the lowest', () => {
    const ini = '[R024]\nthreshold = 0.5';
    expect(flags([priced('P', 0.1, { awards: [award('W'), award('L', 'pending')] })], ini)).toEqual({});
    expect(flags([priced('P', 0.1, { awards: [award('W'), award('L')] })], ini)).toEqual({});
    expect(flags([priced('P', 0.1, { awards: [award(['W', 'L'])] })], ini)).toEqual({});
    const notLowest = {
      ocid: 'P',
      bids: { details: [bid('W', 'valid', 100), bid('L', 'valid', 90)] },
      awards: [award('W')],
    };
    expect(flags([notLowest], ini)).toEqual({});
    const withCancelled = priced('P', 0.1, { awards: [award('W'), award('L', 'cancelled')] });
    expect(flags([withCancelled], ini)).toEqual({
      OCID: { P: { R024: gapOf(0.1) } },
      Tenderer: { W: { R024: 0 }, L: { R024: 0 } },
    });
  });

  it('R024/R028/R036 skip procedures excluded from price comparison', () => {
    const release = priced('P', 0.01, { tender: { procurementMethodDetails: 'Giá cố định' } });
    expect(
      flags([release], 'no_price_comparison_procurement_methods = Giá cố định\n[R024]\nthreshold = 0.5'),
    ).toEqual({});
    expect(
      flags([release], 'price_comparison_procurement_methods = Đấu thầu\n[R024]\nthreshold = 0.5'),
    ).toEqual({});
    expect(
      flags([release], 'price_comparison_procurement_methods = Giá cố định\n[R024]\nthreshold = 0.5'),
    ).toEqual({
      OCID: { P: { R024: gapOf(0.01) } },
      Tenderer: { W: { R024: 0 }, L: { R024: 0 } },
    });
  });

  it('R058 with a threshold flags at and above it, with the winner', () => {
    const ini = '[R058]\nthreshold = 0.5';
    expect(flags([priced('below', 0.49), priced('at', 0.5), priced('above', 0.51)], ini)).toEqual({
      OCID: { at: { R058: gapOf(0.5) }, above: { R058: gapOf(0.51) } },
      Tenderer: { W: { R058: 0 } },
    });
  });

  it('bids in another currency than the main one are skipped', () => {
    const release = {
      ocid: 'P',
      bids: { details: [bid('W', 'valid', 100), bid('L', 'valid', 101, 'USD')] },
      awards: [award('W')],
    };
    expect(flags([release], 'currency = VND\n[R024]\nthreshold = 0.5')).toEqual({});
    expect(flags([release], 'currency = USD\n[R024]\nthreshold = 0.5')).toEqual({});
  });
});

describe('R025 excessive unsuccessful bids', () => {
  // F bids in every process and wins `wins` of them; each other process is won by its own tenderer.
  const processes = (count: number, wins: number) =>
    Array.from({ length: count }, (_, i) => {
      const winner = i < wins ? 'F' : `T${i}`;
      const details = i < wins ? [bid('F', 'valid')] : [bid('F', 'valid'), bid(`T${i}`, 'valid')];
      return { ocid: `p${i}`, bids: { details }, awards: [award(winner)] };
    });
  it('flags a top tenderer whose win ratio is at or under the threshold', () => {
    // F: 6 valid bids (the top), 1 win: ratio 1/6.
    expect(flags(processes(6, 1), '[R025]\nthreshold = 0.16')).toEqual({});
    expect(flags(processes(6, 1), '[R025]\nthreshold = 0.16666666666666666')).toEqual({
      Tenderer: { F: { R025: 1 / 6 } },
    });
    expect(flags(processes(6, 1), '[R025]\nthreshold = 0.17')).toEqual({ Tenderer: { F: { R025: 1 / 6 } } });
  });
  it('the percentile fence decides who is a top tenderer', () => {
    // Valid bids per tenderer: F 6, five others 1: the 75th percentile is 1.4167, 100th is 6.
    expect(flags(processes(6, 1), '[R025]\nthreshold = 0.5\npercentile = 100')).toEqual({
      Tenderer: { F: { R025: 1 / 6 } },
    });
    expect(flags(processes(6, 1), '[R025]', { meta: true }).Meta?.R025).toEqual({
      q1: 0.9306,
      q3: 1,
      upper_fence: 1.4167,
      lower_fence: 0.8264,
    });
  });
});

describe('R028 identical bid prices', () => {
  const release = (a: number, b: number, second: string | string[] = 'B') => ({
    ocid: 'P',
    bids: { details: [bid('A', 'valid', a), bid(second, 'disqualified', b)] },
  });
  it('flags different tenderers with the same price, not a tenderer repeating its own', () => {
    expect(flags([release(99.99, 100)], '[R028]')).toEqual({});
    expect(flags([release(100, 100)], '[R028]')).toEqual({
      OCID: { P: { R028: 1 } },
      Tenderer: { B: { R028: 1 }, A: { R028: 1 } },
    });
    expect(flags([release(100, 100.01)], '[R028]')).toEqual({});
    expect(flags([release(100, 100, 'A')], '[R028]')).toEqual({});
    const withdrawn = { ocid: 'P', bids: { details: [bid('A', 'valid', 100), bid('B', 'withdrawn', 100)] } };
    expect(flags([withdrawn], '[R028]')).toEqual({});
  });
});

describe('R030 late bid won', () => {
  const release = (date: string, status = 'active') => ({
    ocid: 'P',
    tender: { tenderPeriod: { endDate: '2025-03-15T10:00:00Z' } },
    bids: {
      details: [
        { ...bid('W', 'valid'), date },
        { ...bid('L', 'valid'), date: '2025-03-20T00:00:00Z' },
      ],
    },
    awards: [award('W', status)],
  });
  it('flags a valid bid after the deadline whose tenderer holds an active award', () => {
    expect(flags([release('2025-03-15T09:59:59Z')], '[R030]')).toEqual({});
    expect(flags([release('2025-03-15T10:00:00Z')], '[R030]')).toEqual({});
    expect(flags([release('2025-03-15T10:00:01Z')], '[R030]')).toEqual({
      OCID: { P: { R030: 1 } },
      Tenderer: { W: { R030: 1 } },
    });
    expect(flags([release('2025-03-15T10:00:01Z', 'pending')], '[R030]')).toEqual({});
  });
});

describe('R035 all except winning bid disqualified', () => {
  const release = (disqualified: number) => ({
    ocid: 'P',
    bids: {
      details: [
        bid('W', 'valid'),
        ...Array.from({ length: disqualified }, (_, i) => bid(`D${i}`, 'disqualified')),
      ],
    },
    awards: [award('W')],
  });
  it('flags when at least threshold other tenderers were disqualified', () => {
    const ini = '[R035]\nthreshold = 2';
    expect(flags([release(1)], ini)).toEqual({});
    expect(flags([release(2)], ini)).toEqual({ OCID: { P: { R035: 2 } }, Tenderer: { W: { R035: 0 } } });
    expect(flags([release(3)], ini)).toEqual({ OCID: { P: { R035: 3 } }, Tenderer: { W: { R035: 0 } } });
    expect(flags([release(0)], '[R035]\nthreshold = 0')).toEqual({}); // the threshold is at least 1
  });
  it('not when the valid tenderer is not the winner or an award is pending', () => {
    expect(flags([{ ...release(2), awards: [award('X')] }], '[R035]')).toEqual({});
    expect(flags([{ ...release(2), awards: [award('W'), award('X', 'pending')] }], '[R035]')).toEqual({});
  });
});

describe('R036 lowest bid disqualified', () => {
  const release = (lowestStatus: string, awards = [award('W')]) => ({
    ocid: 'P',
    bids: { details: [bid('D', lowestStatus, 100), bid('W', 'valid', 111)] },
    awards,
  });
  it('flags a disqualified lowest bid while an award is active', () => {
    expect(flags([release('disqualified')], '[R036]')).toEqual({ OCID: { P: { R036: 1 } } });
    expect(flags([release('valid')], '[R036]')).toEqual({});
    expect(flags([release('disqualified', [award('W', 'pending')])], '[R036]')).toEqual({});
  });
});

describe('R038 excessive disqualified bids', () => {
  // Buyer Bi disqualifies d of 4 bids.
  const release = (i: number, disqualified: number) => ({
    ocid: `p${i}`,
    buyer: { id: `B${i}` },
    bids: {
      details: Array.from({ length: 4 }, (_, k) =>
        bid(`T${i}-${k}`, k < disqualified ? 'disqualified' : 'valid'),
      ),
    },
  });
  it('flags ratios at or above the threshold', () => {
    const releases = [release(0, 1), release(1, 2), release(2, 3)];
    expect(flags(releases, '[R038]\nthreshold = 0.5')).toEqual({
      Buyer: { B1: { R038: 0.5 }, B2: { R038: 0.75 } },
    });
  });
  it('the fence is Q3 + 1.5 IQR per group, and small organizations are left out', () => {
    // Ratios 0, 0, 0, 0, 0.25, 0.25, 1: Q1 0, Q3 0.25, upper fence 0.625. Tenderers made one bid each.
    const releases = [0, 0, 0, 0, 1, 1, 4].map((disqualified, i) => release(i, disqualified));
    const out = flags(releases, '[R038]', { meta: true });
    expect(out.Buyer).toEqual({ B6: { R038: 1 } });
    expect(out.Meta?.R038).toEqual({ Buyer_q1: 0, Buyer_q3: 0.25, Buyer_upper_fence: 0.625 });
    expect(flags(releases, '[R038]\nminimum_contracting_processes = 5')).toEqual({});
  });
});

describe('R048 heterogeneous supplier', () => {
  const release = (ocid: string, supplier: string, codes: string[]) => ({
    ocid,
    awards: [{ ...award(supplier), items: codes.map((id) => ({ classification: { scheme: 'CPV', id } })) }],
  });
  it('flags at or above the threshold, by 2-digit prefixes', () => {
    const releases = [
      release('a', 'S', ['45000000', '45200000', '33000000']),
      release('b', 'S', ['71000000']),
    ];
    const ini = (threshold: number) => `[R048]\nminimum_contracting_processes = 2\nthreshold = ${threshold}`;
    expect(flags(releases, ini(4))).toEqual({});
    expect(flags(releases, ini(3))).toEqual({ Tenderer: { S: { R048: 3 } } });
    expect(flags(releases, ini(2))).toEqual({ Tenderer: { S: { R048: 3 } } });
    expect(flags(releases, `${ini(3)}\ndigits = 3`)).toEqual({ Tenderer: { S: { R048: 4 } } });
    expect(flags(releases, '[R048]\nthreshold = 1')).toEqual({}); // fewer than 20 processes
  });
});

describe('global exclusions', () => {
  it('skips cancelled tenders, ocids that are not strings and excluded procurementMethodDetails', () => {
    const release = { ocid: 'P', tender: { numberOfTenderers: 1, procurementMethod: 'open' } };
    expect(flags([{ ...release, tender: { ...release.tender, status: 'cancelled' } }], '[R018]')).toEqual({});
    expect(flags([{ ...release, ocid: 7 }], '[R018]')).toEqual({});
    const details = { ...release, tender: { ...release.tender, procurementMethodDetails: 'Bốc thăm' } };
    expect(flags([details], '[exclusions]\nprocurement_method_details = Bốc thăm\n[R018]')).toEqual({});
    expect(flags([details], '[R018]')).toEqual({ OCID: { P: { R018: 1 } } });
  });
});
