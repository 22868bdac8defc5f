/** A command the GitHub Action runs (action.yml's `command` input lists these). */
export interface ActionCommand {
  /** as typed in the `command` input: `run`, `report merge`, ... */
  name: string;
  /** writes the report set into `--out` (and summary.md): else it prints its answer */
  writesReportSet: boolean;
  /** for a command that prints its answer: the file in the report directory that keeps it */
  printedFile: string;
}

/**
 * Every command the Action runs, and how. action.yml's `command` description lists exactly these (a
 * test holds the two together and runs the Action for each).
 */
export const ACTION_COMMANDS: readonly ActionCommand[] = [
  { name: 'run', writesReportSet: true, printedFile: '' },
  { name: 'webhook', writesReportSet: true, printedFile: '' },
  { name: 'device', writesReportSet: true, printedFile: '' },
  { name: 'load', writesReportSet: true, printedFile: '' },
  { name: 'report merge', writesReportSet: true, printedFile: '' },
  { name: 'report diff', writesReportSet: false, printedFile: 'report-diff.txt' },
  { name: 'verify-report', writesReportSet: false, printedFile: 'verify-report.txt' },
];
