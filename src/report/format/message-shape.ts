/**
 * The shape of a result message: the message with what varies from case to case taken out (the case
 * id, numbers, quoted values, ids), so that the same defect hit by twenty cases reads as one cause.
 */
export function messageShape(message: string, caseId?: string): string {
  let shape = message;
  // the case id as a whole word only: case `a` must not change every "a" of the message
  if (caseId) shape = shape.replace(new RegExp(`(?<![\\w-])${caseId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g'), '{case}');
  return shape
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '{id}')
    .replace(/\b\d+(?:\.\d+)?\b/g, 'N')
    .replace(/\s+/g, ' ')
    .trim();
}
