/**
 * A JQL problem the caller made. The message follows Jira's wording ("Error in the JQL Query: ...
 * (line 1, character N)") so clients that show Jira's message to people read naturally here too.
 */
export class JqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JqlError';
  }
}

/** A syntax error at a 0-based offset, reported 1-based as Jira does. */
export function syntaxError(detail: string, offset: number): JqlError {
  return new JqlError(`Error in the JQL Query: ${detail} (line 1, character ${offset + 1})`);
}
