#!/usr/bin/env node
// The `clipfolio` command from a checkout: runs the TypeScript CLI through tsx, so
// `npx clipfolio` works right after `npm ci` with no build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { requireNode } from '../scripts/require-node.mjs';

requireNode(`npx -y -p node@24 -- node ${fileURLToPath(import.meta.url)} ${process.argv.slice(2).join(' ')}`);
register();
const { runCli } = await import('../main/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
