// Errors that end a run with exit status 2 and one line of text (contract §7).

/** Wrong arguments: an unknown option value, a regime that does not exist. */
export class UsageError extends Error {}
