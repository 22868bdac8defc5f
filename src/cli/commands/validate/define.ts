import type { Command } from 'commander';
import { dialectOption } from '../../common-options.js';
import { lazyAction, type ActionSink } from '../../lazy-action.js';

export interface ValidateCommandOptions {
  schema?: string;
  file?: string;
  dialect?: 'ga' | 'preview';
  list?: boolean;
}

export function defineValidateCommand(program: Command, sink: ActionSink): void {
  program
    .command('validate')
    .description('validate one JSON document against a named schema, with readable errors (exit 0 valid, 1 invalid, 2 cannot check)')
    .argument('[schema]', 'schema name, e.g. registration-request or adapter/register-reply (see --list)')
    .argument('[file]', 'the JSON document ("-" for standard input)')
    .addOption(dialectOption().choices(['ga', 'preview']))
    .option('--list', 'list the schema names')
    .action(
      lazyAction(sink, () => import('./handler.js'), (args) => {
        const [schema, file, options] = args as [string | undefined, string | undefined, ValidateCommandOptions];
        return { ...options, ...(schema === undefined ? {} : { schema }), ...(file === undefined ? {} : { file }) };
      }),
    );
}
