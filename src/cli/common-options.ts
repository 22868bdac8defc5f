import { Command, InvalidArgumentError, Option, type OptionValues } from '@commander-js/extra-typings';
import { DIALECTS } from '../results/check-result.js';
import { CONSOLE_REPORTERS } from '../../reporters/console-view.js';
import type { OptionsOf } from './lazy-action.js';

/**
 * What every command that runs checks reads, as commander parses addRunOptions' definitions; `--docs-url`
 * (docsUrlOption) only `device` and `webhook` define.
 */
export type RunOptions = OptionsOf<ReturnType<typeof _runOptionsAlone>> & { docsUrl?: string };

/** Named only for its type: addRunOptions on a bare command. */
function _runOptionsAlone() {
  return addRunOptions(new Command());
}

export { CONSOLE_REPORTERS, type ConsoleReporterName } from '../../reporters/console-view.js';

/**
 * Options of every command that runs checks (docs/contract/cli.md).
 * @internal its inferred type is too long for a declaration file (TS7056), so tsconfig's stripInternal leaves it out of
 * dist's .d.ts: src/cli is not among the package's exports, and RunOptions is named from a concrete instance.
 */
export function addRunOptions<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(command: Command<Args, Opts, Globals>) {
  return command
    .option('--out <dir>', 'directory for the report files', './conformance-report')
    .addOption(
      new Option('--reporter <name>', 'console output: summary (progress, failures by cause, a table), verbose (every result), quiet (table only), json (results as JSON lines)')
        .choices(CONSOLE_REPORTERS)
        .default('summary'),
    )
    .option('--shard <i/n>', 'run only shard i of n (merge the shards with `report merge`)')
    .option('--declare <file>', 'what the implementation claims (identity, dialects, transports, attestations)')
    .option('--waivers <file>', 'accepted failures, each with check id, reason and expiry')
    .option('--sign <key>', 'write attestation.json, a signed statement of the results (Ed25519 private key, PEM)');
}

/** `--docs-url URL`: the implementation's own notes (a README explaining its failures), linked from its row of every report. */
export function docsUrlOption() {
  return new Option('--docs-url <url>', "a link to the implementation's own notes (e.g. its README), shown beside it in report.html and summary.md").argParser(parseDocsUrl);
}

function parseDocsUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`--docs-url takes an http(s) URL, got "${value}"`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '') {
    throw new InvalidArgumentError(`--docs-url takes an http(s) URL without a user name or password, got "${url.protocol}…"`);
  }
  return url.href;
}

/** How `--dialect` reads for a command that calls a webhook: the GA request is the one DPS documents (docs/contract/dialects.md). */
export const WEBHOOK_DIALECT_HELP =
  "ga: the webhook request DPS documents (the default); preview: the harness's model of the 2019 preview request, not a documented DPS shape; all: both";

/** `--dialect`: ga, preview or all (chain `.default('ga')` for a default). */
export function dialectOption(description = 'wire vocabulary to test') {
  return new Option('--dialect <dialect>', description).choices([...DIALECTS, 'all']);
}

export function timeoutOption(description: string, defaultMs: number) {
  return new Option('--timeout <ms>', description).argParser(parsePositiveInteger('--timeout')).default(defaultMs);
}

/** A commander arg parser for a positive integer that names the option in its error. */
export function parsePositiveInteger(name: string): (value: string) => number {
  return (value: string) => {
    if (!/^\d+$/.test(value) || Number(value) <= 0) {
      throw new InvalidArgumentError(`${name} takes a positive whole number, got "${value}"`);
    }
    return Number(value);
  };
}

/** A commander arg parser for a TCP port (0 = pick a free one). */
export function parsePort(name: string): (value: string) => number {
  return (value: string) => {
    if (!/^\d+$/.test(value) || Number(value) > 65535) {
      throw new InvalidArgumentError(`${name} takes a port number from 0 to 65535, got "${value}"`);
    }
    return Number(value);
  };
}

/** Adds `--ascii-answers` and `--strict-payload` (departures from what the emulator does by default, each documented). */
export function addEmulatorChoiceOptions<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
) {
  return command
    .option('--ascii-answers', "write non-ASCII characters of the emulator's answers as \\uXXXX escapes (default raw UTF-8; which DPS writes is unconfirmed)")
    .option('--strict-payload', 'refuse a payload that is not a JSON object, as DPS documents (DPS accepts a JSON string holding one)');
}

/** The emulator choices `device` and `run` offer, so a user can see a verdict both ways (docs/emulator-behaviour.md). */
export interface EmulatorChoiceOptions {
  asciiAnswers?: boolean;
  strictPayload?: boolean;
}

/** The EmulatorOptions members those flags set (only what was asked for). */
export function emulatorChoices(options: EmulatorChoiceOptions): { asciiAnswers?: boolean; strictPayload?: boolean } {
  return { ...(options.asciiAnswers === true ? { asciiAnswers: true } : {}), ...(options.strictPayload === true ? { strictPayload: true } : {}) };
}
