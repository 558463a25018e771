/** A count or rate, rounded, with thousands separators: `1,000,000`. */
export const int = (value: number): string => Math.round(value).toLocaleString('en-US');

/** Bytes in whole mebibytes, as the tables show them: `263 MB`. */
export const mb = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MB`;
