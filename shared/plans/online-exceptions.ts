// Why a plan package may be selected offline. From 1 Jan 2025 every open, limited and domestic
// competitive-quotation package is bid online except those the law lists (Law on Bidding
// 22/2023 Art. 50(5); Decree 214/2025 Art. 98(11)); the list and its sources are in
// ../shared/domain.md ("Online scope") and reference/peers.md §4 [V1b][V4]. A package planned
// offline names one of these, so the online share later counts only what the law let go offline.
import * as z from 'zod';

export const onlineExceptions = {
  'two-stage': {
    title: 'Đấu thầu hai giai đoạn',
    basis: 'Law 22/2023 Art. 50(5); Decree 214/2025 Art. 98(11): two-stage bidding',
  },
  international: {
    title: 'Đấu thầu quốc tế',
    basis: 'Law 22/2023 Art. 50(5); Decree 214/2025 Art. 98(11): international bidding',
  },
  'direct-appointment': {
    title: 'Chỉ định thầu và các hình thức tương tự',
    basis: 'Decree 214/2025 Art. 98(11): direct appointment and similar methods (peers.md §4)',
  },
  secret: {
    title: 'Gói thầu có nội dung bí mật nhà nước',
    basis: 'Law 22/2023 Art. 50(5); Decree 214/2025 Art. 98(11): packages with state secrets',
  },
  'beyond-system-capacity': {
    title: 'Vượt quá khả năng đáp ứng của Hệ thống',
    basis: "Decree 214/2025 Art. 98(11): packages beyond the national system's capacity (peers.md §4)",
  },
} as const;

export type OnlineException = keyof typeof onlineExceptions;

export const OnlineException = z
  .enum(Object.keys(onlineExceptions) as [OnlineException, ...OnlineException[]])
  .meta({
    description: `The legal exception that lets a package be selected offline: ${Object.entries(
      onlineExceptions,
    )
      .map(([id, e]) => `${id} (${e.basis})`)
      .join('; ')}`,
  });
