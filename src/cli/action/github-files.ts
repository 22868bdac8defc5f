import { appendFileSync } from 'node:fs';

/**
 * Appends outputs to `$GITHUB_OUTPUT` as `name=value` lines, or with a heredoc delimiter when a value
 * has a newline (https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#setting-an-output-parameter).
 */
export function writeOutputs(file: string | undefined, outputs: Readonly<Record<string, string | number>>): void {
  if (!file) return;
  const lines = Object.entries(outputs).map(([name, raw]) => {
    const value = String(raw);
    if (!value.includes('\n')) return `${name}=${value}\n`;
    const delimiter = `dpsc_${Math.random().toString(36).slice(2)}`;
    return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  });
  appendFileSync(file, lines.join(''));
}

/** Appends Markdown to the job summary, `$GITHUB_STEP_SUMMARY`, when Actions set it. */
export function appendStepSummary(file: string | undefined, markdown: string): void {
  if (file) appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
}
