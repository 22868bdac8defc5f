import { createInterface } from 'node:readline';
import { parseLosslessJson, stringifyLosslessJson, type LosslessJson } from './lossless-json.js';

type JsonObject = { [key: string]: LosslessJson };

/** What `start` answers, without `seq`. */
export interface AdapterClaims {
  implementation: { name: string; version: string; language?: string; homepage?: string };
  dialects: string[];
  transports: string[];
  attestations: string[];
}

/** A register reply without `seq`: exactly one of result, error, skipped. */
export type RegisterReplyBody = { result: JsonObject } | { error: JsonObject } | { skipped: { reason: string } };

/** The implementation side of an adapter: its claims and one registration. */
export interface AdapterDriver {
  claims(): AdapterClaims | Promise<AdapterClaims>;
  register(request: JsonObject): Promise<RegisterReplyBody>;
  /** called before the adapter exits */
  close?(): Promise<void>;
}

export interface AdapterLoopOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** turns a reply into the lines written; the default writes the reply as one line */
  writeReply?: (reply: JsonObject, request: JsonObject, write: (line: string) => void) => void;
  log?: (line: string) => void;
}

/**
 * Adapter protocol v1, adapter side (docs/contract/adapter-protocol.md): one JSON object per line on stdin, exactly
 * one reply per request on stdout, nothing else on stdout (logs go to stderr). Requests are handled one
 * at a time, in order. Resolves after `stop` has been answered or stdin ends.
 */
export async function runAdapterLoop(driver: AdapterDriver, options: AdapterLoopOptions = {}): Promise<void> {
  const output = options.output ?? process.stdout;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const write = (line: string): void => {
    output.write(`${line}\n`);
  };
  const writeReply = options.writeReply ?? ((reply: JsonObject, _request: JsonObject, emit: (line: string) => void) => emit(stringifyLosslessJson(reply)));
  const lines = createInterface({ input: options.input ?? process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let request: LosslessJson;
    try {
      request = parseLosslessJson(line);
    } catch (error) {
      log(`ignoring a request line that is not JSON: ${(error as Error).message}`);
      continue;
    }
    if (request === null || typeof request !== 'object' || Array.isArray(request)) {
      log('ignoring a request that is not a JSON object');
      continue;
    }
    const seq = request['seq'];
    switch (request['cmd']) {
      case 'start':
        writeReply({ seq, ...(await driver.claims()) } as unknown as JsonObject, request, write);
        break;
      case 'register': {
        let body: RegisterReplyBody;
        try {
          body = await driver.register(request);
        } catch (error) {
          body = { error: { message: `adapter failure: ${error instanceof Error ? error.message : String(error)}` } };
        }
        writeReply({ seq, ...body } as JsonObject, request, write);
        break;
      }
      case 'stop':
        await driver.close?.();
        writeReply({ seq: seq ?? null, stopped: true }, request, write);
        lines.close();
        return;
      default:
        log(`ignoring unknown command ${JSON.stringify(request['cmd'])}`);
    }
  }
  await driver.close?.();
}
