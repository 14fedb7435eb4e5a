#!/usr/bin/env node
// The `clipfolio` command from a checkout: runs the TypeScript CLI through tsx, so
// `npx clipfolio` works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../main/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
