// The `eproc bid` group for the dispatcher (shared/cli/eproc.ts): each command's module loads
// only when it runs.

/** The dispatcher's command shape. */
interface Command {
  readonly summary: string;
  readonly usage: string;
  /** Resolves to the process exit code. */
  readonly run: (args: readonly string[]) => Promise<number>;
}

export const bidCommands: Record<string, Command> = {
  keygen: {
    summary: 'Make a submission signing key (private JWK file; prints the public JWK)',
    usage: 'eproc bid keygen [--out signing-key.jwk] [--force]',
    run: async (args) => (await import('./keygen.ts')).keygen(args),
  },
  'register-key': {
    summary: "Register a signing key's public half on your contractor profile",
    usage: 'eproc bid register-key --key signing-key.jwk [--label TEXT] [--api URL] [--token JWT]',
    run: async (args) => (await import('./register-key.ts')).registerKey(args),
  },
  seal: {
    summary: "Seal a price form and documents to the tender's opening key, streaming to a file",
    usage:
      'eproc bid seal --tender ID --lot ID --price form.json [--doc FILE]... [--financial financial.json [--financial-doc FILE]...] [--out bid.sealed] [--contractor ID] [--opening-key FILE] [--quiet]',
    run: async (args) => (await import('./seal.ts')).sealCommand(args),
  },
  submit: {
    summary: 'Sign, upload (with progress) and commit a sealed bid; keep the receipt',
    usage:
      'eproc bid submit --key signing-key.jwk [--sealed bid.sealed] [--replaces BID] [--receipt FILE] [--receipts-key receipts-key.pem] [--quiet]',
    run: async (args) => (await import('./submit.ts')).submitCommand(args),
  },
  withdraw: {
    summary: 'Withdraw your active bid on a lot before the deadline; keep the receipt',
    usage: 'eproc bid withdraw --tender ID --lot ID --bid ID [--receipt FILE]',
    run: async (args) => (await import('./withdraw.ts')).withdrawCommand(args),
  },
  'receipt-key': {
    summary: 'Fetch and pin the receipts public key (PEM) for offline verification',
    usage: 'eproc bid receipt-key [--out receipts-key.pem]',
    run: async (args) => (await import('./receipt-key.ts')).receiptKeyCommand(args),
  },
  'verify-receipt': {
    summary: 'Verify a bid receipt offline against the pinned receipts public key',
    usage: 'eproc bid verify-receipt --receipt FILE --public-key receipts-key.pem',
    run: async (args) => (await import('./verify-receipt.ts')).verifyReceiptCommand(args),
  },
};
