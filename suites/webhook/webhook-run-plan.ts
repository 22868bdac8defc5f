import type { Dialect } from '../../src/results/check-result.js';
import type { PlannedCase, RunnableCase } from './planned-case.js';
import type { WebhookProfile } from '../../src/webhook-profile/webhook-profile.js';
import type { WebhookTarget } from './webhook-target.js';

/** Everything a webhook run does, decided before any request is sent. */
export interface WebhookRunPlan {
  target: WebhookTarget;
  dialects: Dialect[];
  /** this shard's cases, corpus first then user cases, dialect by dialect */
  cases: PlannedCase[];
  /** whether this shard runs the once-per-dialect checks (auth, latency, contract): only shard 1 does */
  runWideChecks: boolean;
  /** the `--profile` (or the empty one): applied to the corpus cases already, and to the Pact interactions when verifying */
  profile: WebhookProfile;
  /** the robustness check's baseline case per dialect, whichever shard it falls in */
  baselines: RunnableCase[];
  signal?: AbortSignal;
}
