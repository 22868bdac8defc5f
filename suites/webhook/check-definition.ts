import type { Level } from '../../src/results/check-result.js';
import type { CallJudge } from './call-judge.js';
import type { RunnableCase } from './planned-case.js';

/** A check of the catalogue: stable id, level, and what it asks of the webhook. */
export interface CheckDefinition {
  id: string;
  level: Level;
  title: string;
  /** what passes, in a sentence (CHECKS.md says the same) */
  requirement: string;
  /** one result per case and dialect, per dialect, or per contract interaction */
  per: 'case' | 'dialect' | 'interaction';
}

/** A check judged on the answer to a case's request: returns the pass message or throws (see CallJudge). */
export interface CaseCheck extends CheckDefinition {
  per: 'case';
  judge(judge: CallJudge, planned: RunnableCase): string;
  /** whether the check applies to a case at all (user-case checks only apply when the case expects something) */
  appliesTo?(planned: RunnableCase): boolean;
}
