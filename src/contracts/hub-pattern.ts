/**
 * A regular expression (as Pact writes it: a plain pattern, no flags) that matches exactly the given
 * host names, compared without case as DNS names are. Pact regexes take no `i` flag that every Pact
 * implementation reads, so each letter becomes a class of both cases: `[cC][oO]...`. This keeps the
 * contract's hub rule the same as the `webhook.response.hub` check (suites/webhook/CHECKS.md).
 */
export function hubPattern(hosts: readonly string[]): string {
  const one = (host: string): string =>
    [...host]
      .map((c) =>
        /[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : /[.\\^$|?*+()[\]{}]/.test(c) ? `\\${c}` : c,
      )
      .join('');
  return `^(?:${hosts.map(one).join('|')})$`;
}
