#!/usr/bin/env node
// The `clipfolio` command from a checkout: runs the TypeScript CLI through tsx, so
// `npx clipfolio` works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/main.ts');
