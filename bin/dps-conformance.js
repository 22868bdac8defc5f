#!/usr/bin/env node
// The CLI runs from the compiled output, never through a TypeScript loader.
import { runAsProcess } from '../dist/src/cli/main.js';

await runAsProcess(process.argv.slice(2));
