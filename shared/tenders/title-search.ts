// The tender list's title search, as people type it: without diacritics ("may tinh" finds
// "Máy tính"), in any case, with any spacing. Titles are stored once in this folded form
// (`titleSearch` on the tender's item) and the query is folded the same way, so the search is one
// `contains` filter in DynamoDB, not a read of every title.

/** Lower case, Vietnamese diacritics removed (đ → d), runs of white space as one space. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
