import { isRefusalStatus } from '../../src/dps/webhook-refusal-status.js';
import { describeRefusal, describeRefusalOf, isRefusal, whatDpsDoes } from '../../src/dps/webhook-refusal.js';

// what a refusal is lives in the core, so that `contracts verify` and load judge refusals as this suite does
export { describeRefusal, describeRefusalOf, isRefusal, isRefusalStatus, whatDpsDoes };
