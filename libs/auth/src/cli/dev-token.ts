#!/usr/bin/env node
import { ConfigError, type Environment, readEnvironment } from '@cs/config';
import { runDevTokenCli } from './dev-token-cli';

const io = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
};

/** An invalid environment is named, as a bad argument is, rather than thrown with a stack trace. */
function environment(): Environment | undefined {
  try {
    return readEnvironment();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`dev-token: ${error.message}\n`);
    return undefined;
  }
}

const env = environment();
if (env === undefined) process.exitCode = 2;
else {
  void runDevTokenCli(process.argv.slice(2), env, io).then((code) => {
    process.exitCode = code;
  });
}
