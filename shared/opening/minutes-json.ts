// The signed minutes as stored: RFC 8785 JSON. The minutes of 10,000 bids are megabytes of it,
// encoded once for their hash (minutes.ts) and the stored document (minutes-store.ts) alike; the
// minutes are never changed once built.
import { canonicalJson } from '../canonical/canonical-json.ts';
import type { Minutes, SignedMinutes } from './minutes-schema.ts';

const encoded = new WeakMap<Minutes, string>();
export const canonicalMinutes = (minutes: Minutes): string => {
  let text = encoded.get(minutes);
  if (text === undefined) {
    text = canonicalJson(minutes);
    encoded.set(minutes, text);
  }
  return text;
};

/** RFC 8785 JSON of the signed document: its two members in key order, the minutes encoded once. */
export const signedMinutesJson = (document: SignedMinutes): string =>
  `{"minutes":${canonicalMinutes(document.minutes)},"signature":${canonicalJson(document.signature)}}`;
