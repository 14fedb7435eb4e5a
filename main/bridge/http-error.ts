// Runs in: the bridge process (plain Node). A refusal with its HTTP status, thrown anywhere
// in a request's handling and answered by the server's one catch.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
