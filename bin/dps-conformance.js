#!/usr/bin/env node
// The CLI runs from the compiled output, never through a TypeScript loader.
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
