// ULIDs: time-ordered, so ids sort by creation and DynamoDB sort keys need no extra timestamp.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function ulid(nowMs: number = Date.now()): string {
  let time = '';
  let t = nowMs;
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = crypto.getRandomValues(new Uint8Array(16));
  let tail = '';
  for (const byte of random) tail += alphabet[byte % 32];
  return time + tail;
}

export const ulidPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;
