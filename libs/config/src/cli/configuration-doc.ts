import { writeFileSync } from 'node:fs';
import { CONFIGURATION_DOC_PATH, renderConfigurationDoc } from '../configuration-doc';

/** `npm run docs:config`, from the repository root: regenerates the table of environment variables. */
writeFileSync(CONFIGURATION_DOC_PATH, renderConfigurationDoc());
console.log(`wrote ${CONFIGURATION_DOC_PATH}`);
