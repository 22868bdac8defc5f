import { Command } from '@commander-js/extra-typings';
import { dialectOption } from '../../common-options.js';
import type { OptionsOf } from '../../lazy-action.js';

/** `validate [SCHEMA] [FILE]`'s command line. */
export function validateCommand() {
  return new Command('validate')
    .description('validate one JSON document against a named schema, with readable errors (exit 0 valid, 1 invalid, 2 cannot check)')
    .argument('[schema]', 'schema name, e.g. registration-request or adapter/register-reply (see --list)')
    .argument('[file]', 'the JSON document ("-" for standard input)')
    .addOption(dialectOption().choices(['ga', 'preview']))
    .option('--list', 'list the schema names');
}

/** What the handler takes: the options, with the schema and the file when they were given. */
export function validateOptions(
  [schema, file]: [string | undefined, string | undefined],
  options: OptionsOf<ReturnType<typeof validateCommand>>,
) {
  return { ...options, ...(schema === undefined ? {} : { schema }), ...(file === undefined ? {} : { file }) };
}

export type ValidateCommandOptions = ReturnType<typeof validateOptions>;
