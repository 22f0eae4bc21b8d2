import * as z from 'zod';
import { roles } from '../../shared/auth/roles.ts';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { Id, Instant } from '../../shared/schemas/common.ts';

const tags = ['notifications'];

export const Notification = z.object({
  eventId: z.string(),
  type: z.string(),
  tenderId: Id,
  title: z.string(),
  at: Instant,
  message: z.string(),
});

export const notificationRoutes = {
  listMyNotifications: defineRoute({
    operationId: 'listMyNotifications',
    method: 'GET',
    path: '/me/notifications',
    summary: "The caller's notifications (and, for a procuring entity, its organisation's), newest first",
    tags,
    auth: roles,
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
    response: z.object({ items: z.array(Notification) }),
  }),
  followTender: defineRoute({
    operationId: 'followTender',
    method: 'POST',
    path: '/tenders/{tenderId}/followers',
    summary: 'Follow a published tender: hear of its opening, awards and complaints',
    tags,
    auth: roles,
    params: z.strictObject({ tenderId: Id }),
    response: z.object({ tenderId: Id, following: z.boolean() }),
    successStatus: 201,
  }),
  unfollowTender: defineRoute({
    operationId: 'unfollowTender',
    method: 'DELETE',
    path: '/tenders/{tenderId}/followers/me',
    summary: 'Stop following a tender',
    tags,
    auth: roles,
    params: z.strictObject({ tenderId: Id }),
    response: z.object({ tenderId: Id, following: z.boolean() }),
  }),
};
