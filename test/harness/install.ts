import { ensureCodeServer } from './codeServer';

/** `npm test`'s set-up step: code-server into the git-ignored cache, before any test needs it. */
ensureCodeServer();
