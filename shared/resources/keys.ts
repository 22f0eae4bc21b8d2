// KMS keys, declared once. Locally the runtime creates them in the KMS emulator.

export interface KeySpec {
  readonly description: string;
  readonly usage: 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC';
  readonly spec: 'SYMMETRIC_DEFAULT' | 'ECC_NIST_P256' | 'HMAC_256';
}

export const keys = {
  tenderKeys: {
    description: 'Wraps each tender opening private key; encryption context is the tender id',
    usage: 'ENCRYPT_DECRYPT',
    spec: 'SYMMETRIC_DEFAULT',
  },
  bidders: {
    description:
      "Derives each contractor's bidder secret (HMAC): the pseudonyms and sealed copies bids are stored under",
    usage: 'GENERATE_VERIFY_MAC',
    spec: 'HMAC_256',
  },
  cursors: {
    description:
      'Derives the key that authenticates pagination cursors (HMAC), so a client cannot forge or move one',
    usage: 'GENERATE_VERIFY_MAC',
    spec: 'HMAC_256',
  },
  receipts: {
    description: 'Signs bid receipts (ECDSA P-256); the public key is published',
    usage: 'SIGN_VERIFY',
    spec: 'ECC_NIST_P256',
  },
  log: {
    description: 'Signs audit log checkpoints and opening minutes (ECDSA P-256)',
    usage: 'SIGN_VERIFY',
    spec: 'ECC_NIST_P256',
  },
} as const satisfies Record<string, KeySpec>;

export type KeyName = keyof typeof keys;
