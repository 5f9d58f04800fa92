import { readFileSync, writeFileSync } from 'node:fs';
import { CONFIGURATION_DOC_PATH, OPERATIONS_DOC_PATH, renderConfigurationDoc, withGeneratedVariables } from '../configuration-doc';

/**
 * `npm run docs:config`, from the repository root: regenerates the table of environment variables
 * in docs/configuration.md and in the generated block of docs/operations.md.
 */
writeFileSync(CONFIGURATION_DOC_PATH, renderConfigurationDoc());
console.log(`wrote ${CONFIGURATION_DOC_PATH}`);
writeFileSync(OPERATIONS_DOC_PATH, withGeneratedVariables(readFileSync(OPERATIONS_DOC_PATH, 'utf8')));
console.log(`updated ${OPERATIONS_DOC_PATH}`);
