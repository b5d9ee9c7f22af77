#!/usr/bin/env node
// The `preflight` command. The CLI is TypeScript (it shares its contract with the app, src/shared);
// tsx compiles it on the fly, so there is no build step to forget.
require('tsx/cjs');
require('../preflight.ts');
