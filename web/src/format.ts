// How the pages show amounts and instants. The API carries integer minor units and UTC instants;
// people in Vietnam read "2.000.000.000 ₫" and Hanoi wall-clock time (UTC+7, no daylight saving).

const hanoi = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hourCycle: 'h23',
});

/** "15:00 15/01/2027 (giờ Hà Nội)" for 2027-01-15T08:00:00Z. */
export function formatHanoiTime(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  // Assembled from parts: the locale's own pattern puts the date first and may change with ICU.
  const parts = hanoi.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')} ${part('day')}/${part('month')}/${part('year')} (giờ Hà Nội)`;
}

const fractionDigits = (currency: string) =>
  new Intl.NumberFormat('vi-VN', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
  0;

/**
 * An amount in minor units (whole dong for VND) as "2.000.000.000 ₫". Digit strings are formatted
 * exactly, without going through a float, so amounts past 2^53 keep every digit.
 */
export function formatMoney(amountMinor: number | string, currency: string): string {
  const digits = String(amountMinor);
  if (!/^-?\d+$/.test(digits)) return `${digits} ${currency}`;
  const scale = fractionDigits(currency);
  const negative = digits.startsWith('-');
  const abs = (negative ? digits.slice(1) : digits).padStart(scale + 1, '0');
  const decimal = scale > 0 ? `${abs.slice(0, -scale)}.${abs.slice(-scale)}` : abs;
  const format = new Intl.NumberFormat('vi-VN', { style: 'currency', currency });
  // Intl formats decimal strings exactly (ES2023); the cast is for lib typings that predate it.
  return format.format(`${negative ? '-' : ''}${decimal}` as unknown as number);
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1).replace('.', ',')} KB`;
  return `${(size / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

/**
 * A whole amount as people type it: "1.987.654.321", "1 987 654 321" or "1987654321". Dots and
 * spaces group thousands in Vietnamese; a comma would be a decimal separator, which whole units
 * do not have, so it is refused rather than guessed at.
 */
export function parseWholeAmount(text: string): Parsed<number> {
  const compact = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return { ok: false, error: 'bắt buộc' };
  if (!/^\d{1,3}(\.\d{3})*$|^\d+$/.test(compact)) {
    return { ok: false, error: 'chỉ gồm chữ số (có thể nhóm bằng dấu chấm), không có phần thập phân' };
  }
  const value = Number(compact.replaceAll('.', ''));
  if (!Number.isSafeInteger(value)) return { ok: false, error: 'quá lớn' };
  return { ok: true, value };
}

/** A percentage with at most two decimals ("2,5" or "2.5") as basis points (250). */
export function parsePercentBasisPoints(text: string): Parsed<number> {
  const compact = text.trim().replace(',', '.');
  const match = /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(compact);
  if (!match) return { ok: false, error: 'một số phần trăm từ 0 đến 99,99 (tối đa hai chữ số thập phân)' };
  return { ok: true, value: Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) };
}

export const categoryLabels: Record<string, string> = {
  goods: 'Hàng hóa',
  works: 'Xây lắp',
  'non-consulting': 'Phi tư vấn',
  consulting: 'Tư vấn',
};

export const statusLabels: Record<string, string> = {
  published: 'Đang mời thầu',
  cancelled: 'Đã hủy',
  closed: 'Đã đóng thầu',
  opened: 'Đã mở thầu',
  evaluating: 'Đang đánh giá',
  awarded: 'Đã có kết quả',
  contracted: 'Đã ký hợp đồng',
  unsuccessful: 'Không thành công',
};

export const methodLabels: Record<string, string> = {
  open: 'Đấu thầu rộng rãi',
  limited: 'Đấu thầu hạn chế',
  'competitive-shopping': 'Chào hàng cạnh tranh',
};

export const procedureLabels: Record<string, string> = {
  'one-envelope': 'Một giai đoạn một túi hồ sơ',
  'two-envelope': 'Một giai đoạn hai túi hồ sơ',
};
