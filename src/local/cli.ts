// Entry of `npm start`: runs the command and exits with its code.

import { main } from './score-command';

process.exitCode = main(process.argv.slice(2));
