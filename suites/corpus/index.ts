/** The case corpus, as the webhook, device and end-to-end suites use it. Every export is listed by name. */
export { loadCorpus, readCorpusEntries, CORPUS_DIR } from './load-corpus.js';
export { deviceDataFor, corpusSkipReason, registrationIdFor, type CorpusCase, type DeviceData } from './corpus-case.js';
export { allocationRequestFor, allocationSpecFor } from './corpus-request.js';
export { DEFAULT_LINKED_HUBS } from './default-hubs.js';
export { NEAR_LIMIT_REQUEST_BYTES } from './near-limit-case.js';
export { parseShard, shardItems, type Shard } from './shard-cases.js';
