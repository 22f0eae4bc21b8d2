// The transition tables of the records that live beside a tender or a contractor: a bid version
// and the bidder's pointer to its current one, a bidding document, a clarification question, a
// contractor's registration status and its signing keys. Pure data like tables.ts: the writers
// take each record's state from these rows (`next`, `stateUpdate`), never from a literal.
import { defineLifecycle } from './define-lifecycle.ts';

/** One stored version of a bid: attribute `status` of its BID#…#V… item. */
export const bidVersionLifecycle = defineLifecycle({
  name: 'Bid version',
  attribute: 'status',
  states: ['active', 'superseded', 'withdrawn'],
  refusal: (doing, current) => `cannot ${doing} a ${current} bid`,
  transitions: {
    submit: {
      from: ['[*]'],
      to: 'active',
      guard: 'before the submission deadline, sealed and signed with an active key',
      audit: ['bid.submitted', 'bid.replaced'],
      items: ['pointer', 'idempotency', 'ownIndex', 'supersededVersion?'],
    },
    supersede: {
      from: ['active'],
      to: 'superseded',
      guard: 'its bidder submitted a new version before the deadline',
      audit: 'bid.replaced',
    },
    withdraw: {
      from: ['active'],
      to: 'withdrawn',
      guard: 'before the submission deadline, by its bidder',
      audit: 'bid.withdrawn',
      items: ['pointer'],
    },
  },
});

/** The bidder's current bid on a lot: attribute `status` of its CURRENT item. */
export const bidPointerLifecycle = defineLifecycle({
  name: 'Current bid of a bidder on a lot',
  attribute: 'status',
  states: ['active', 'withdrawn'],
  refusal: (doing, current) => `cannot ${doing}: the bidder's current bid is ${current}`,
  transitions: {
    point: {
      from: ['[*]', 'active', 'withdrawn'],
      to: 'active',
      guard: 'the pointer is still the one read (two racing submissions cannot both win)',
      audit: ['bid.submitted', 'bid.replaced'],
    },
    withdraw: { from: ['active'], to: 'withdrawn', audit: 'bid.withdrawn' },
  },
});

/** A bidding document: attribute `status` of its DOC#<id> item. */
export const documentLifecycle = defineLifecycle({
  name: 'Document',
  attribute: 'status',
  states: ['pending', 'available'],
  refusal: (_doing, current) =>
    current === 'available' ? 'this document is already available' : `the document is ${current}`,
  transitions: {
    request: {
      from: ['[*]'],
      to: 'pending',
      guard: 'an allowed content type and size, before the submission deadline',
      audit: 'document.upload-requested',
    },
    confirm: {
      from: ['pending'],
      to: 'available',
      guard: "the stored object's size and SHA-256 are the ones announced",
      audit: 'document.confirmed',
      items: ['tender', 'revision?'],
    },
  },
});

/** A clarification question: attribute `status` of its Q#<id> item. */
export const questionLifecycle = defineLifecycle({
  name: 'Clarification question',
  attribute: 'status',
  states: ['open', 'answered'],
  refusal: (_doing, current) =>
    current === 'answered' ? 'this question has already been answered' : `the question is ${current}`,
  transitions: {
    ask: {
      from: ['[*]'],
      to: 'open',
      guard: "before the procedure's clarification cut-off",
      audit: 'question.asked',
      notify: 'question.asked',
    },
    answer: {
      from: ['open'],
      to: 'answered',
      guard: 'by the procuring entity, in time for the answer deadline',
      audit: 'question.answered',
      notify: 'question.answered',
    },
  },
});

/** A contractor's registration: attribute `status` of its PROFILE item. */
export const contractorLifecycle = defineLifecycle({
  name: 'Contractor',
  attribute: 'status',
  states: ['active', 'suspended', 'debarred'],
  refusal: (doing, current) => `cannot ${doing} a ${current} contractor`,
  transitions: {
    register: { from: ['[*]'], to: 'active', audit: 'contractor.registered' },
    edit: { from: ['active', 'suspended', 'debarred'], audit: 'contractor.updated' },
    suspend: {
      from: ['active', 'suspended'],
      to: 'suspended',
      guard: 'by an admin, with a reason',
      audit: 'contractor.status.suspended',
    },
    debar: {
      from: ['active', 'suspended', 'debarred'],
      to: 'debarred',
      guard: 'by an admin, with a reason and a period',
      audit: 'contractor.status.debarred',
    },
    reinstate: {
      from: ['suspended', 'debarred'],
      to: 'active',
      guard: 'by an admin',
      audit: 'contractor.status.active',
    },
  },
});

/** A contractor's bid-signing key: attribute `status` of its SIGNING_KEY#<keyId> item. */
export const signingKeyLifecycle = defineLifecycle({
  name: 'Signing key',
  attribute: 'status',
  states: ['active', 'retired'],
  refusal: (_doing, current) => `the key is ${current}`,
  transitions: {
    add: {
      from: ['[*]'],
      to: 'active',
      guard: 'a P-256 public key not registered before',
      audit: 'contractor.signing-key.added',
    },
    retire: {
      from: ['active'],
      to: 'retired',
      guard: 'by its contractor; retired keys never come back',
      audit: 'contractor.signing-key.retired',
    },
  },
});
