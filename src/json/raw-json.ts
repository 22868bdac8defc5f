/**
 * A JSON value that must reach the wire exactly as written: data a webhook returned for the device,
 * whose integers beyond 2^53 would lose digits through JSON.parse and JSON.stringify. It sits in a
 * reply body where the parsed value would; `serializeJson` writes its text, everything else that
 * turns it into JSON (JSON.stringify, the redactor) sees the parsed value.
 */
export class RawJson {
  /** `text` must be valid JSON and `value` its parse */
  constructor(
    readonly text: string,
    readonly value: unknown,
  ) {}

  toJSON(): unknown {
    if (collecting) {
      collecting.push(this.text);
      return `${PLACEHOLDER}${collecting.length - 1}${PLACEHOLDER}`;
    }
    return this.value;
  }
}

// JSON.stringify has no way to emit raw text, so raw values are written as unique strings and swapped
// for their text afterwards. A plain JSON.stringify is kept for bodies without raw values (the hot path).
const PLACEHOLDER = '\u0000dpsc-raw-json\u0000';
const PLACEHOLDER_STRING = /"\\u0000dpsc-raw-json\\u0000(\d+)\\u0000dpsc-raw-json\\u0000"/g;
let collecting: string[] | undefined;

/** JSON.stringify, except that every `RawJson` in the value is written as its exact text. */
export function serializeJson(value: unknown): string {
  const raws: string[] = [];
  collecting = raws;
  let text: string;
  try {
    text = JSON.stringify(value);
  } finally {
    collecting = undefined;
  }
  if (raws.length === 0) return text;
  return text.replace(PLACEHOLDER_STRING, (_match, index: string) => raws[Number(index)] ?? 'null');
}
