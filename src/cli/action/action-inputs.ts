/** What the GitHub Action was asked to do (action.yml passes its inputs as INPUT_* variables). */
export interface ActionInputs {
  /** `run`, `webhook`, `device`, `report merge`, ... (words split on spaces) */
  command: string[];
  /** one argument per line, so nothing is split by a shell */
  args: string[];
  out: string;
  /** exit with the harness's status (default); `false` exits 0 when the harness exited 1 (an error, 2, still fails) */
  failOnFailure: boolean;
}

/**
 * Reads the inputs from the environment the way Actions names them: `INPUT_` and the input name in
 * upper case, spaces as `_` (https://docs.github.com/actions/creating-actions/metadata-syntax-for-github-actions#inputs).
 * action.yml passes them explicitly, since a composite action's run steps do not get them on their own.
 */
export function readActionInputs(env: NodeJS.ProcessEnv): ActionInputs {
  // Actions keeps a hyphen in the name (INPUT_FAIL-ON-FAILURE); action.yml passes the shell-friendly INPUT_FAIL_ON_FAILURE
  const input = (name: string): string => {
    const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
    return (env[key] ?? env[key.replace(/-/g, '_')] ?? '').trim();
  };
  const command = input('command') || 'run';
  const args = input('args').split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
  const out = input('out') || 'conformance-report';
  return { command: command.split(/\s+/), args, out, failOnFailure: input('fail-on-failure').toLowerCase() !== 'false' };
}
