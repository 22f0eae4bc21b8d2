// KMS signs ECDSA in DER; WebCrypto verifies IEEE P1363 (r ‖ s). Kept apart from the receipt
// check so that it imports nothing and the unit tests can run it in Node.

/** A DER ECDSA-Sig-Value (SEQUENCE of two INTEGERs) as the 64-byte r ‖ s WebCrypto expects. */
export function derToP1363(der: Uint8Array, size = 32): Uint8Array<ArrayBuffer> {
  let at = 0;
  const byte = () => {
    const b = der[at++];
    if (b === undefined) throw new Error('short');
    return b;
  };
  const length = () => {
    const first = byte();
    if (first < 0x80) return first;
    let value = 0;
    for (let n = first & 0x7f; n > 0; n--) value = (value << 8) | byte();
    return value;
  };
  if (byte() !== 0x30) throw new Error('not a sequence');
  if (length() !== der.length - at) throw new Error('length');
  const out = new Uint8Array(size * 2);
  for (const offset of [0, size]) {
    if (byte() !== 0x02) throw new Error('not an integer');
    const len = length();
    let value = der.subarray(at, at + len);
    at += len;
    while (value.length > size && value[0] === 0) value = value.subarray(1);
    if (value.length > size) throw new Error('integer too long');
    out.set(value, offset + size - value.length);
  }
  if (at !== der.length) throw new Error('trailing bytes');
  return out;
}
