/** Minimal ANSI colouring, applied only when the output is a terminal (callers decide). */
export type Paint = (code: 'red' | 'green' | 'yellow' | 'cyan' | 'dim' | 'bold', text: string) => string;

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;

export function painter(color: boolean): Paint {
  return color ? (code, text) => `\u001b[${CODES[code]}m${text}\u001b[0m` : (_code, text) => text;
}
