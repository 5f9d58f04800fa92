#!/usr/bin/env node
import { readEnvironment } from '@cs/config';
import { runDevTokenCli } from './dev-token-cli';

void runDevTokenCli(process.argv.slice(2), readEnvironment(), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
