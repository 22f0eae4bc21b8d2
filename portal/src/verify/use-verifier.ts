// The page's handle on its worker: one worker per page visit, requests numbered so a late answer
// to a replaced request is ignored, and the progress, bundle outcome and receipt outcomes as state.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BundleOutcome, PinnedLogKey, ReceiptOutcome, VerifyRequest, VerifyResponse } from './protocol';

export interface VerifierState {
  readonly running: boolean;
  readonly fraction: number;
  readonly stage?: string;
  readonly outcome?: BundleOutcome;
  /** A catalogue message: the input could not be read at all. */
  readonly errorId?: string;
  readonly receipts: readonly ReceiptOutcome[];
  readonly checkingReceipts: boolean;
}

const idle: VerifierState = { running: false, fraction: 0, receipts: [], checkingReceipts: false };

/** A request before it is numbered (Omit over each member of the union). */
type Unnumbered = VerifyRequest extends infer R ? (R extends VerifyRequest ? Omit<R, 'id'> : never) : never;

type Files = readonly { readonly name: string; readonly text: string }[];

export function useVerifier() {
  const worker = useRef<Worker | null>(null);
  // The newest bundle request and the newest receipts request; older answers are dropped.
  const latest = useRef({ bundle: 0, receipts: 0, next: 0 });
  const [state, setState] = useState<VerifierState>(idle);

  useEffect(() => {
    const w = new Worker(new URL('./worker/verify.worker.ts', import.meta.url), { type: 'module' });
    w.addEventListener('message', (event: MessageEvent<VerifyResponse>) => {
      const message = event.data;
      const current = message.type === 'receipts' ? latest.current.receipts : latest.current.bundle;
      if (message.id !== current) return;
      setState((s) => {
        switch (message.type) {
          case 'progress':
            return { ...s, fraction: Math.max(s.fraction, message.fraction), stage: message.stage };
          case 'bundle':
            return {
              ...s,
              running: false,
              outcome: message.outcome,
              fraction: message.outcome.ok ? 1 : s.fraction,
            };
          case 'error':
            return { ...s, running: false, errorId: message.messageId };
          case 'receipts':
            return { ...s, checkingReceipts: false, receipts: [...s.receipts, ...message.outcomes] };
        }
        return s;
      });
    });
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);

  const send = useCallback((request: Unnumbered) => {
    const id = ++latest.current.next;
    if (request.type === 'bundle') latest.current.bundle = id;
    else latest.current.receipts = id;
    worker.current?.postMessage({ ...request, id } as VerifyRequest);
  }, []);

  const verifyBundle = useCallback(
    (text: string, logKey: PinnedLogKey) => {
      setState({ ...idle, running: true });
      send({ type: 'bundle', text, logKey });
    },
    [send],
  );

  const checkReceipts = useCallback(
    (files: Files, receiptsKey: string) => {
      setState((s) => ({ ...s, checkingReceipts: true }));
      send({ type: 'receipts', receiptsKey, files });
    },
    [send],
  );

  return { state, verifyBundle, checkReceipts };
}
