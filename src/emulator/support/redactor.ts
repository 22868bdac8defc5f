/**
 * The redactor surface the emulator needs; `src/results/secret-redactor.ts` (SecretRedactor)
 * satisfies it. Kept as an interface so the emulator does not depend on that class's construction.
 */
export interface Redactor {
  add(secret: string): void;
  redact(text: string): string;
  redactDeep<T>(value: T): T;
}
