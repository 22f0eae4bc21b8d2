/** A reason `npm start` cannot start, said to the user in one line (no stack trace). */
export class StartFailure extends Error {}
