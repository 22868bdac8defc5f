#!/usr/bin/env node
// The CLI runs from the compiled output, never through a TypeScript loader.
import { main } from '../dist/src/cli/main.js';

// A closed pipe (`dps-conformance validate --list | head`) is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
