// The verify page shows the verifier's failures through catalogue ids it picks at run time, which
// the catalogue test cannot see in the source: every one of them must exist in both languages.
import { describe, expect, it } from 'vitest';
import { failureMessages, receiptMessages } from '../../portal/src/verify/worker/failure-messages.ts';
import { en, vi } from './catalogue-files.ts';

describe('verify failure messages', () => {
  it('name a catalogue message for every failure reason, in both languages', () => {
    const ids = [
      ...Object.values(failureMessages),
      ...Object.values(receiptMessages),
      'verify.receipt.accepted',
      'verify.receipt.needBundle',
      'verify.error.notJson',
      'verify.error.unexpected',
    ];
    for (const messages of [vi, en]) expect(ids.filter((id) => !(id in messages))).toEqual([]);
  });
});
