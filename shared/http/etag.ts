export const etag = (version: number) => `"${version}"`;
