/** Exit statuses fixed by docs/contract/cli.md. */
export const ExitStatus = {
  /** every required (MUST) check passed */
  OK: 0,
  /** at least one MUST check failed or errored */
  MUST_FAILED: 1,
  /** usage, configuration or internal harness error */
  HARNESS_ERROR: 2,
} as const;

export type ExitStatus = (typeof ExitStatus)[keyof typeof ExitStatus];
