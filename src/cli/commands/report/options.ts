import { Command } from '@commander-js/extra-typings';
import type { OptionsOf } from '../../lazy-action.js';

const ALLOW_INCOMPLETE = 'judge an incomplete run (a shard missing, a run interrupted) by the results it has, instead of failing';

/** `report merge DIRS...`'s command line. */
export function reportMergeCommand() {
  return new Command('merge')
    .description('merge the CTRF results of many runs into one compatibility matrix')
    .argument('<dirs...>', 'report directories (each holding a ctrf.json; a directory without one stands for its subdirectories)')
    .requiredOption('--out <dir>', 'where to write the merged report set')
    .option('--allow-incomplete', ALLOW_INCOMPLETE);
}

/** What the merge handler takes: the directories and the options. */
export function reportMergeOptions([dirs]: [string[]], options: OptionsOf<ReturnType<typeof reportMergeCommand>>) {
  return { dirs, ...options };
}

export type ReportMergeOptions = ReturnType<typeof reportMergeOptions>;

/** `report diff BASE CURRENT`'s command line. */
export function reportDiffCommand() {
  return new Command('diff')
    .description('new failures, fixed, still failing, between two runs (exit 1 on new failures)')
    .argument('<base>', 'the earlier ctrf.json or report directory')
    .argument('<current>', 'the later ctrf.json or report directory')
    .option('--allow-incomplete', ALLOW_INCOMPLETE)
    .option('--allow-missing-baseline', 'when BASE does not exist yet (the first run), say how to make one and pass (exit 0) instead of exit 2');
}

/** What the diff handler takes: the two runs and the options. */
export function reportDiffOptions(
  [base, current]: [string, string],
  options: OptionsOf<ReturnType<typeof reportDiffCommand>>,
) {
  return { base, current, ...options };
}

export type ReportDiffOptions = ReturnType<typeof reportDiffOptions>;
