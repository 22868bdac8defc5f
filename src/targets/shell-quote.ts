/** Quotes one word for a POSIX shell (adapter commands are run through `sh -c`). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
