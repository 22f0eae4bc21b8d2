// The transition tables of contractor selection plans (KHLCNT) and of their packages' progress.
// Pure data like tables.ts: shared/plans/ takes each state from these rows (`next`), never from a
// literal, and `npm run diagrams` renders them into the README.
import { defineLifecycle } from './define-lifecycle.ts';

/** A contractor selection plan: attribute `status` of its PLAN#…/META item. */
export const planLifecycle = defineLifecycle({
  name: 'Contractor selection plan',
  attribute: 'status',
  states: ['draft', 'published'],
  refusal: (doing, current) => `cannot ${doing} a ${current} plan`,
  transitions: {
    create: { from: ['[*]'], to: 'draft', audit: 'plan.created' },
    edit: { from: ['draft'], audit: 'plan.updated' },
    publish: {
      from: ['draft'],
      to: 'published',
      guard: 'by its organisation; it becomes public as revision 1',
      audit: 'plan.published',
      items: ['revision'],
    },
    revise: {
      from: ['published'],
      guard:
        'a package with a tender or an offline result is kept, stays as it was planned online or offline, and still covers its live tender',
      audit: 'plan.revised',
      items: ['revision'],
    },
  },
});

/**
 * A plan package's progress: attribute `status` of its PLAN#…/PACKAGE#… item, which exists once
 * something happened to the package (no item: still only planned).
 */
export const planPackageLifecycle = defineLifecycle({
  name: 'Plan package',
  attribute: 'status',
  states: ['tendering', 'offline'],
  refusal: (doing, current) =>
    current === 'offline'
      ? `cannot ${doing}: the package was done offline`
      : `cannot ${doing}: the package has a tender`,
  transitions: {
    link: {
      from: ['[*]'],
      to: 'tendering',
      guard:
        "in the tender's creation: the plan is published, the package is planned online, its estimate covers the lots",
      audit: 'tender.created',
    },
    relink: {
      from: ['tendering'],
      to: 'tendering',
      guard: 'its tender was cancelled or unsuccessful (a package has one live tender)',
      audit: 'tender.created',
    },
    recordOffline: {
      from: ['[*]'],
      to: 'offline',
      guard: 'planned offline under a declared exception; dated, valued, naming the supplier',
      audit: 'plan.package.offline-recorded',
    },
  },
});
