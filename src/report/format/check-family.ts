/**
 * The family a check belongs to, the column of the compatibility matrix: the check id up to its
 * second dot (`webhook.response.schema` -> `webhook.response`, `device.returnData.fidelity.nested` ->
 * `device.returnData`). An id with fewer dots is its own family.
 */
export function checkFamily(checkId: string): string {
  const first = checkId.indexOf('.');
  if (first < 0) return checkId;
  const second = checkId.indexOf('.', first + 1);
  return second < 0 ? checkId : checkId.slice(0, second);
}
