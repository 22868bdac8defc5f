/** An install that did not finish: which step failed, why, and the log that has the details. */
export class InstallFailure extends Error {
  readonly step: string;
  readonly logPath: string;

  constructor(step: string, reason: string, logPath: string) {
    super(`${step} failed (${reason}); see ${logPath}`);
    this.name = 'InstallFailure';
    this.step = step;
    this.logPath = logPath;
  }
}
