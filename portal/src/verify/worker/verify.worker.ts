// The verify page's worker: verification of a large bundle takes seconds of hashing, so it runs
// here and the page stays responsive, hearing progress at most every 50 ms. The last verified log
// stays here, so receipts dropped in later are checked without verifying the bundle again.
import './buffer-global.ts';
import type { VerifyRequest, VerifyResponse } from '../protocol.ts';
import { checkReceipts, type VerifiedLog, verifyBundleText } from './run-verification.ts';

const post = (message: VerifyResponse) => (globalThis as unknown as Worker).postMessage(message);

let verified: VerifiedLog | undefined;

globalThis.addEventListener('message', async (event: Event) => {
  const request = (event as MessageEvent<VerifyRequest>).data;
  try {
    await answer(request);
  } catch (error) {
    // The verifier reports what is wrong with a bundle; a throw is a fault of this code (the
    // browser stand-ins for Node, say), so the page says so instead of waiting forever.
    console.error('verify worker:', error);
    const messageId = 'verify.error.unexpected';
    if (request.type === 'bundle') {
      verified = undefined;
      post({ type: 'error', id: request.id, messageId });
    } else {
      const outcomes = request.files.map(({ name }) => ({
        name,
        ok: false,
        messageId,
        reason: 'unexpected',
      }));
      post({ type: 'receipts', id: request.id, outcomes });
    }
  }
});

async function answer(request: VerifyRequest): Promise<void> {
  if (request.type === 'bundle') {
    verified = undefined;
    let lastPost = 0;
    const result = verifyBundleText(request.text, request.logKey, (fraction, stage) => {
      const now = performance.now();
      if (fraction < 1 && now - lastPost < 50) return;
      lastPost = now;
      post({ type: 'progress', id: request.id, fraction, stage });
    });
    if ('messageId' in result) {
      post({ type: 'error', id: request.id, messageId: result.messageId });
      return;
    }
    verified = result.verified;
    post({ type: 'bundle', id: request.id, outcome: result.outcome });
    return;
  }
  const outcomes = await checkReceipts(request.files, request.receiptsKey, verified);
  post({ type: 'receipts', id: request.id, outcomes });
}
