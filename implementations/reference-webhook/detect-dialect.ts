export type WebhookDialect = 'ga' | 'preview';

/**
 * Which dialect a request speaks: `?dialect=ga|preview` when given, else `deviceRuntimeContext.data`
 * (and no `payload`) means preview, anything else ga. A request without device data reads the same in
 * both dialects; it is answered as ga, and the answer then carries no data either way.
 */
export function detectDialect(context: Record<string, unknown>, query: string | null): WebhookDialect {
  if (query === 'ga' || query === 'preview') return query;
  return 'data' in context && !('payload' in context) ? 'preview' : 'ga';
}
