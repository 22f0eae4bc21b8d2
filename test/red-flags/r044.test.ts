// R044 tenderers of one process sharing an address or contact details.
import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../shared/red-flags/index.ts';
import { bid, flags } from './helpers.ts';

const party = (id: string, address?: Record<string, string>, contactPoint?: Record<string, string>) => ({
  id,
  roles: ['tenderer'],
  ...(address ? { address } : {}),
  ...(contactPoint ? { contactPoint } : {}),
});
const release = (ocid: string, parties: unknown[], bids = [bid('A', 'valid'), bid('B', 'valid')]) => ({
  ocid,
  bids: { details: bids },
  parties: (parties as { roles: string[] }[]).map((p) => ({ ...p, roles: [] })),
});

describe('R044 business similarities between tenderers', () => {
  const street = { streetAddress: '12 Nguyễn Huệ', locality: 'Quận 1', countryName: 'Việt Nam' };
  it('flags tenderers sharing a normalised street address and locality', () => {
    const same = release('P', [
      party('A', street),
      party('B', { streetAddress: ' 12  NGUYỄN HUỆ, ', locality: 'quận 1' }),
      party('C', { streetAddress: '99 Lê Lợi', locality: 'Quận 1' }),
    ]);
    expect(flags([same], '[R044]')).toEqual({
      OCID: { P: { R044: 1 } },
      Tenderer: { A: { R044: 1 }, B: { R044: 1 } },
    });
  });
  it('does not flag distinct addresses, the same street in another locality, or the same country only', () => {
    expect(
      flags(
        [release('P', [party('A', street), party('B', { ...street, streetAddress: '14 Nguyễn Huệ' })])],
        '[R044]',
      ),
    ).toEqual({});
    expect(
      flags([release('P', [party('A', street), party('B', { ...street, locality: 'Quận 3' })])], '[R044]'),
    ).toEqual({});
    expect(
      flags(
        [release('P', [party('A', { countryName: 'Việt Nam' }), party('B', { countryName: 'Việt Nam' })])],
        '[R044]',
      ),
    ).toEqual({});
  });
  it('flags a shared email or telephone, not a shared contact name', () => {
    const email = release('E', [
      party('A', undefined, { email: 'Sales@Example.vn ' }),
      party('B', undefined, { email: 'sales@example.vn' }),
    ]);
    const phone = release('T', [
      party('A', undefined, { telephone: '+84 28 3822 1234' }),
      party('B', undefined, { telephone: '+84-28-3822-1234' }),
    ]);
    const name = release('N', [
      party('A', undefined, { name: 'Phòng kinh doanh' }),
      party('B', undefined, { name: 'Phòng kinh doanh' }),
    ]);
    expect(flags([email, phone, name], '[R044]')).toEqual({
      OCID: { E: { R044: 1 }, T: { R044: 1 } },
      Tenderer: { A: { R044: 1 }, B: { R044: 1 } },
    });
  });
  it('compares only tenderers of the same process, and a withdrawn bid is not a tender', () => {
    const a = release('P1', [party('A', street)], [bid('A', 'valid')]);
    const b = release('P2', [party('B', street)], [bid('B', 'valid')]);
    expect(flags([a, b], '[R044]')).toEqual({});
    const withdrawn = release(
      'P',
      [party('A', street), party('B', street)],
      [bid('A', 'valid'), bid('B', 'withdrawn')],
    );
    expect(flags([withdrawn], '[R044]')).toEqual({});
  });
  it("reproduces Cardinal's r044-branch demonstration, except the contact-name-only process F4", () => {
    // docs/examples/R/044.jsonl on cardinal-rs's r044 branch: parties with the tenderer role, no bids.
    const a = 'GB-COH-09506232';
    const b = 'GB-COH-09506234';
    const full = {
      streetAddress: 'Street ABC',
      locality: 'Atlantis City',
      region: 'Moorland',
      postalCode: '1234',
      countryName: 'Atlantis',
    };
    const contact = {
      name: 'Person',
      email: 'person@example.com',
      telephone: '+123456',
      faxNumber: '+123456',
      url: 'http://example.com',
    };
    const releases = [
      { ocid: 'F1', parties: [party(a, full), party(b, full)] },
      {
        ocid: 'F2',
        parties: [party(a, { streetAddress: 'Street ABC' }), party(b, { streetAddress: 'Street ABC' })],
      },
      { ocid: 'F3', parties: [party(a, undefined, contact), party(b, undefined, contact)] },
      {
        ocid: 'F4',
        parties: [party(a, undefined, { name: 'Person' }), party(b, undefined, { name: 'Person' })],
      },
    ];
    expect(flags(releases, '[R044]')).toEqual({
      OCID: { F1: { R044: 1 }, F2: { R044: 1 }, F3: { R044: 1 } },
      Tenderer: { [a]: { R044: 1 }, [b]: { R044: 1 } },
    });
  });
  it('normalises case, accents in composed form, punctuation and spaces', () => {
    expect(normaliseText(' 12,  Nguye\u0302\u0303n HUỆ. ')).toBe('12 nguyễn huệ');
  });
});
