// A bid's document names were checked only by the bidder's own client when it sealed; the opener
// must still open such a bid, and must not publish a spoofed name in the minutes.
import { describe, expect, it } from 'vitest';
import { displayFileName } from '../../shared/schemas/file-name-rule.ts';
import { decodeManifest, encodeManifest } from '../../shared/sealing/manifest.ts';

const manifest = (names: string[]) =>
  new TextEncoder().encode(
    JSON.stringify({
      documents: names.map((name) => ({ name, contentType: 'application/pdf', size: 10 })),
    }),
  );

describe('document names read at opening', () => {
  it('opens a name that skipped the rule, with its hidden characters written out', () => {
    const spoofed = 'hoa-don\u202Efdp.exe';
    const [doc] = decodeManifest(manifest([spoofed]));
    expect(doc?.name).toBe('hoa-don[U+202E]fdp.exe');
    expect(doc?.name).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  });

  it('shows separators and controls as code points and stores NFC', () => {
    expect(displayFileName('../../etc/passwd')).toBe('..[U+002F]..[U+002F]etc[U+002F]passwd');
    expect(displayFileName('a\u0000b\u2066c')).toBe('a[U+0000]b[U+2066]c');
    expect(displayFileName('Ho\u0302\u0300 so\u031b.pdf')).toBe('Hồ sơ.pdf');
  });

  it('leaves a name sealed by the rule exactly as sealed', () => {
    const sealed = encodeManifest([{ name: 'Hồ sơ dự thầu.pdf', contentType: 'application/pdf', size: 3 }]);
    expect(decodeManifest(sealed)).toEqual([
      { name: 'Hồ sơ dự thầu.pdf', contentType: 'application/pdf', size: 3 },
    ]);
  });
});
