import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { NoteErrorCode, NoteVerifier } from '../../shared/tlog/index.ts';
import {
  ECDSA_P256_SIGNATURE_TYPE,
  ecdsaP256KeyId,
  ecdsaP256RemoteSigner,
  ecdsaP256Signer,
  ecdsaP256Verifier,
  formatCheckpoint,
  fromBase64,
  leafHash,
  NoteError,
  openCheckpoint,
  openNote,
  parseCheckpoint,
  parseNote,
  signCheckpoint,
  signNote,
  spkiDer,
  toBase64,
} from '../../shared/tlog/index.ts';
import { ORIGIN, testKey } from './fixtures.ts';

const key = testKey();
const verifier = ecdsaP256Verifier(key.name, key.publicKey);
const root = leafHash(new TextEncoder().encode('root'));
const body = formatCheckpoint({ origin: ORIGIN, size: 42, rootHash: root });

function codeOf(action: () => unknown): NoteErrorCode | 'no error' | 'other error' {
  try {
    action();
    return 'no error';
  } catch (error) {
    return error instanceof NoteError ? error.code : 'other error';
  }
}

describe('checkpoint body', () => {
  it('is origin, decimal size and base64 root, each ending in a newline', () => {
    expect(body).toBe(`${ORIGIN}\n42\n${toBase64(root)}\n`);
    expect(formatCheckpoint({ origin: 'o', size: 0, rootHash: root, extensions: ['x y', 'z'] })).toBe(
      `o\n0\n${toBase64(root)}\nx y\nz\n`,
    );
    const parsed = parseCheckpoint(`o\n7\n${toBase64(root)}\next\n`);
    expect(parsed.size).toBe(7);
    expect(parsed.extensions).toEqual(['ext']);
    expect(toBase64(parsed.rootHash)).toBe(toBase64(root));
  });

  it('parses the example checkpoint from c2sp.org/tlog-checkpoint', () => {
    const note =
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n' +
      '— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n';
    const parsed = parseNote(note);
    expect(parseCheckpoint(parsed.text)).toMatchObject({
      origin: 'example.com/behind-the-sofa',
      size: 20852163,
    });
    expect(parsed.signatures).toHaveLength(1);
    expect(parsed.signatures[0]?.name).toBe('example.com/behind-the-sofa');
  });

  it.each([
    ['no trailing newline', `o\n1\n${toBase64(root)}`],
    ['too few lines', 'o\n1\n'],
    ['an empty origin', `\n1\n${toBase64(root)}\n`],
    ['a leading zero', `o\n01\n${toBase64(root)}\n`],
    ['a negative size', `o\n-1\n${toBase64(root)}\n`],
    ['a non-decimal size', `o\n0x10\n${toBase64(root)}\n`],
    ['a size past 2^53', `o\n9007199254740993\n${toBase64(root)}\n`],
    ['a short root', `o\n1\n${toBase64(root.subarray(1))}\n`],
    ['unpadded base64', `o\n1\n${toBase64(root).replace(/=$/, '')}\n`],
    ['non-canonical base64', `o\n1\n${toBase64(root).replace(/.=$/, 'B=')}\n`],
    ['an empty extension line', `o\n1\n${toBase64(root)}\n\next\n`],
  ])('rejects %s as a malformed checkpoint', (_, text) => {
    expect(codeOf(() => parseCheckpoint(text))).toBe('malformed-checkpoint');
  });
});

describe('key id', () => {
  it('is SHA-256(name || 0x0A || 0xff "eproc.audit/ecdsa-p256-sha256-der" || SPKI)[:4]', () => {
    const spki = spkiDer(key.publicKey);
    const expected = createHash('sha256')
      .update(`${key.name}\n`)
      .update(Buffer.concat([Buffer.of(0xff), Buffer.from('eproc.audit/ecdsa-p256-sha256-der')]))
      .update(spki)
      .digest()
      .readUInt32BE(0);
    expect(ecdsaP256KeyId(key.name, key.publicKey)).toBe(expected);
    expect(Buffer.from(ECDSA_P256_SIGNATURE_TYPE).toString('latin1')).toBe(
      '\xffeproc.audit/ecdsa-p256-sha256-der',
    );
    // It must not be confusable with c2sp's 0x02 (witness) key id, which hashes the SPKI alone.
    expect(ecdsaP256KeyId(key.name, key.publicKey)).not.toBe(
      createHash('sha256').update(spki).digest().readUInt32BE(0),
    );
  });

  it('changes with the key name and with the key, and is the same for PEM, DER and KeyObject', () => {
    const id = ecdsaP256KeyId(key.name, key.publicKey);
    expect(ecdsaP256KeyId(`${key.name}2`, key.publicKey)).not.toBe(id);
    expect(ecdsaP256KeyId(key.name, testKey().publicKey)).not.toBe(id);
    const pem = key.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(ecdsaP256KeyId(key.name, pem)).toBe(id);
    expect(ecdsaP256KeyId(key.name, spkiDer(key.publicKey))).toBe(id);
    expect(ecdsaP256KeyId(key.name, key.privateKey)).toBe(id);
  });

  it('refuses keys that are not P-256 and names with spaces or plus signs', () => {
    const ed = generateKeyPairSync('ed25519');
    expect(() => ecdsaP256KeyId(key.name, ed.publicKey)).toThrow(TypeError);
    expect(() => ecdsaP256Signer(key.name, ed.privateKey)).toThrow(TypeError);
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    expect(() => ecdsaP256Verifier(key.name, p384.publicKey)).toThrow(TypeError);
    expect(() => ecdsaP256KeyId('a b', key.publicKey)).toThrow(RangeError);
    expect(() => ecdsaP256KeyId('a+b', key.publicKey)).toThrow(RangeError);
    expect(() => ecdsaP256KeyId('', key.publicKey)).toThrow(RangeError);
  });
});

describe('signed checkpoints', () => {
  it('round-trip: the signature line is an em dash, the key name, and base64(key id || DER signature)', async () => {
    const note = await signCheckpoint(body, key.signer);
    expect(note.startsWith(`${body}\n— ${key.name} `)).toBe(true);
    expect(note.endsWith('\n')).toBe(true);
    const sigBytes = fromBase64(
      note
        .slice(body.length + 1)
        .split(' ')[2]
        ?.trimEnd() ?? '',
    );
    expect(sigBytes).toBeDefined();
    expect(Buffer.from(sigBytes as Uint8Array).readUInt32BE(0)).toBe(verifier.keyId);
    expect((sigBytes as Uint8Array)[4]).toBe(0x30); // DER SEQUENCE

    const { checkpoint, note: opened } = openCheckpoint(note, verifier);
    expect(checkpoint).toMatchObject({ origin: ORIGIN, size: 42 });
    expect(toBase64(checkpoint.rootHash)).toBe(toBase64(root));
    expect(opened.verified.map((s) => s.name)).toEqual([key.name]);
  });

  it('sign through an async remote signer such as KMS', async () => {
    const remote = ecdsaP256RemoteSigner(key.name, spkiDer(key.publicKey), async (message) => {
      await Promise.resolve();
      return new Uint8Array(sign('sha256', message, { key: key.privateKey, dsaEncoding: 'der' }));
    });
    expect(remote.keyId).toBe(verifier.keyId);
    const note = await signCheckpoint({ origin: ORIGIN, size: 42, rootHash: root }, remote);
    expect(openCheckpoint(note, verifier).checkpoint.size).toBe(42);
  });

  it('refuse to sign a body that is not a checkpoint', async () => {
    await expect(signCheckpoint('just text\n', key.signer)).rejects.toThrow(NoteError);
    await expect(signNote('no newline', key.signer)).rejects.toThrow(NoteError);
  });

  it('ignore signatures from unknown keys when a trusted one verifies', async () => {
    const witness = testKey('witness.example/w1');
    const note = await signCheckpoint(body, [witness.signer, key.signer]);
    expect(openCheckpoint(note, verifier).note.verified).toHaveLength(1);
    expect(
      openNote(note, [verifier, ecdsaP256Verifier(witness.name, witness.publicKey)]).verified,
    ).toHaveLength(2);
  });

  it('name each way a signature can be wrong with its own error', async () => {
    const note = await signCheckpoint(body, key.signer);
    const otherKeySameName = await signCheckpoint(body, testKey(key.name).signer);
    const otherName = await signCheckpoint(body, testKey('someone.else/log').signer);
    const tamperedText = note.replace('\n42\n', '\n43\n');
    // Right name and key id, but the signature bytes come from another key.
    const forged = await signCheckpoint(body, { ...testKey().signer, name: key.name, keyId: verifier.keyId });
    const failing: NoteVerifier = { ...verifier, verify: () => false };

    expect(codeOf(() => openCheckpoint(otherKeySameName, verifier))).toBe('key-id-mismatch');
    expect(codeOf(() => openCheckpoint(otherName, verifier))).toBe('unknown-key-name');
    expect(codeOf(() => openCheckpoint(tamperedText, verifier))).toBe('bad-signature');
    expect(codeOf(() => openCheckpoint(forged, verifier))).toBe('bad-signature');
    expect(codeOf(() => openCheckpoint(note, failing))).toBe('bad-signature');
    expect(codeOf(() => openCheckpoint(note, verifier))).toBe('no error');
    // A bad signature from a trusted key sinks the note even when another trusted one verifies.
    const both = await signCheckpoint(body, [key.signer, key.signer]);
    const [text, sigs] = both.split('\n\n') as [string, string];
    const [good, second] = sigs.trimEnd().split('\n') as [string, string];
    const broken = `${second.slice(0, -6)}AAAAA=`;
    expect(codeOf(() => openCheckpoint(`${text}\n\n${good}\n${broken}\n`, verifier))).toBe('bad-signature');
  });
});

describe('signed note parsing', () => {
  const sigLine = (bytes: number[]) => `— ${key.name} ${toBase64(Uint8Array.from(bytes))}\n`;
  const valid = `${body}\n${sigLine([0, 0, 0, 1, 9])}`;

  it('splits at the last blank line, so the text may contain blank lines', () => {
    const note =
      'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n\n' +
      '— quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n';
    const parsed = parseNote(note);
    expect(parsed.text.endsWith('\ned è subito sera.\n')).toBe(true);
    expect(parsed.signatures[0]).toMatchObject({ name: 'quasimodo.example/salvatore', keyId: 0x367ba04b });
    expect(parsed.signatures[0]?.signature.byteLength).toBe(64);
    expect(parseNote(valid).signatures[0]).toMatchObject({ keyId: 1 });
    // A blank line after a signature line makes that line part of the text, as the spec reads.
    const moved = parseNote(`${valid}\n${sigLine([0, 0, 0, 2, 9])}`);
    expect(moved.text).toBe(`${body}\n${sigLine([0, 0, 0, 1, 9])}`);
    expect(moved.signatures.map((s) => s.keyId)).toEqual([2]);
  });

  it.each([
    ['no blank line', valid.replace('\n\n', '\n')],
    ['no final newline', valid.slice(0, -1)],
    ['no signature lines', `${body}\n`],
    ['a hyphen instead of an em dash', valid.replace('—', '-')],
    ['a trailing unknown line', `${valid}garbage\n`],
    ['a key name with a plus', valid.replace(`— ${key.name}`, '— a+b')],
    ['a key name with a no-break space', valid.replace(`— ${key.name}`, '— a\u00a0b')],
    ['an extra field', valid.replace(`— ${key.name} `, `— ${key.name} x `)],
    ['a carriage return', valid.replace('\n42\n', '\r\n42\n')],
    ['a lone surrogate', valid.replace(ORIGIN, `${ORIGIN}\ud800`)],
    ['a signature without signature bytes', `${body}\n${sigLine([0, 0, 0, 1])}`],
    ['a signature in non-canonical base64', `${body}\n— ${key.name} AAAAAQl=\n`],
    ['more than 100 signatures', `${body}\n${sigLine([0, 0, 0, 1, 9]).repeat(101)}`],
  ])('rejects a note with %s as malformed', (_, note) => {
    expect(codeOf(() => parseNote(note))).toBe('malformed-note');
    expect(codeOf(() => openCheckpoint(note, verifier))).toBe('malformed-note');
  });

  it('accepts 100 signature lines', () => {
    expect(parseNote(`${body}\n${sigLine([0, 0, 0, 1, 9]).repeat(100)}`).signatures).toHaveLength(100);
  });
});
