/**
 * A JSON value as the harness holds it: what `JSON.parse` gives, except that an integer beyond 2^53
 * is a `bigint` with every digit (parse-json.ts). `JSON.parse` would round it silently, hiding exactly
 * the defect `device.returnData.bigIntegers` looks for, and the harness would corrupt data it forwards.
 */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };
