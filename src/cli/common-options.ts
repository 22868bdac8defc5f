import { InvalidArgumentError, Option, type Command } from 'commander';
import { DIALECTS } from '../results/check-result.js';
import { CONSOLE_REPORTERS, type ConsoleReporterName } from '../../reporters/console-view.js';

/** Options of every command that runs checks (docs/contract/cli.md). */
export interface RunOptions {
  out: string;
  reporter: ConsoleReporterName;
  shard?: string;
  declare?: string;
  waivers?: string;
  sign?: string;
  /** `device`, `webhook`: where the implementation's own notes are (report.html and summary.md link them) */
  docsUrl?: string;
}

export { CONSOLE_REPORTERS, type ConsoleReporterName } from '../../reporters/console-view.js';

export function addRunOptions(command: Command): Command {
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
export function docsUrlOption(): Option {
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

export function dialectOption(defaultValue?: string, description = 'wire vocabulary to test'): Option {
  const option = new Option('--dialect <dialect>', description).choices([...DIALECTS, 'all']);
  return defaultValue === undefined ? option : option.default(defaultValue);
}

export function timeoutOption(description: string, defaultMs?: number): Option {
  const option = new Option('--timeout <ms>', description).argParser(parsePositiveInteger('--timeout'));
  return defaultMs === undefined ? option : option.default(defaultMs);
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

/** The emulator choices `device` and `run` offer, so a user can see a verdict both ways (docs/emulator-behaviour.md). */
export interface EmulatorChoiceOptions {
  asciiAnswers?: boolean;
  strictPayload?: boolean;
}

/** Adds `--ascii-answers` and `--strict-payload` (departures from what the emulator does by default, each documented). */
export function addEmulatorChoiceOptions(command: Command): Command {
  return command
    .option('--ascii-answers', "write non-ASCII characters of the emulator's answers as \\uXXXX escapes (default raw UTF-8; which DPS writes is unconfirmed)")
    .option('--strict-payload', 'refuse a payload that is not a JSON object, as DPS documents (DPS accepts a JSON string holding one)');
}

/** The EmulatorOptions members those flags set (only what was asked for). */
export function emulatorChoices(options: EmulatorChoiceOptions): { asciiAnswers?: boolean; strictPayload?: boolean } {
  return { ...(options.asciiAnswers === true ? { asciiAnswers: true } : {}), ...(options.strictPayload === true ? { strictPayload: true } : {}) };
}
