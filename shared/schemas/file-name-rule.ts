// What a file name may be, as a plain function with no dependencies so that the sealing library
// (which runs in browsers and the CLI) checks bid document names by the same rule the API applies
// to bidding documents (shared/schemas/file-name.ts).
//
// A name is shown to other people (the document list, opening minutes, download dialogs), so it
// must look like what it is: control characters and Unicode format characters are refused, the
// bidirectional ones above all (U+202E RIGHT-TO-LEFT OVERRIDE makes "invoice‮fdp.exe" read as
// "invoiceexe.pdf"), and so are path separators. Names are stored NFC, so that the same name typed
// on two systems (macOS sends NFD) is the same string.

export const FILE_NAME_MAX_BYTES = 255;

// Cc: controls; Cf: format characters, which include every bidirectional mark, embedding, override
// and isolate (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and zero-width ones; Zl/Zp:
// line and paragraph separators; Cs: lone surrogates, which are not text at all.
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const separator = /[/\\]/;

const codePoint = (c: string) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The name as stored (trimmed, NFC), or why it is refused. */
export function checkFileName(raw: string): { readonly name: string } | { readonly problem: string } {
  // Checked before trimming: trim() would quietly drop some of them (U+FEFF, line ends).
  const hidden = invisible.exec(raw);
  if (hidden) {
    return { problem: `must not contain control or format characters (${codePoint(hidden[0])})` };
  }
  const name = raw.trim().normalize('NFC');
  if (name.length === 0) return { problem: 'must not be empty' };
  if (separator.test(name)) return { problem: 'must be a plain file name, without / or \\' };
  const bytes = new TextEncoder().encode(name).length;
  if (bytes > FILE_NAME_MAX_BYTES) {
    return { problem: `must be at most ${FILE_NAME_MAX_BYTES} bytes in UTF-8 (it is ${bytes})` };
  }
  return { name };
}

/**
 * A name read from a sealed envelope, made safe to show: a bid's names were checked when it was
 * sealed, but only by the bidder's own client, so the opener cannot trust them. NFC, and every
 * control or format character (a right-to-left override above all) and path separator written
 * out as its code point, so the minutes show what the bytes say instead of a spoofed name.
 */
export function displayFileName(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(new RegExp(`${invisible.source}|${separator.source}`, 'gu'), (c) => `[${codePoint(c)}]`);
}
