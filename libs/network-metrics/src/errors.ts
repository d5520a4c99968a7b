/**
 * A bad input file or graph: what the command prints on stderr (exit code 2). `file` and `line`
 * (1-based, the first line of the record) are set when the problem comes from a CSV file.
 */
export class NetworkInputError extends Error {
  constructor(
    readonly reason: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(file === undefined ? reason : line === undefined ? `${file}: ${reason}` : `${file} line ${line}: ${reason}`);
    this.name = 'NetworkInputError';
  }
}
