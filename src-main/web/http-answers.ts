/**
 * What the web host answers before and after dispatch: the HTTP status of each contract error, the
 * request target read without throwing, the request body read within its limit, and the JSON
 * envelope every `/api` answer (and refusal) is written in.
 */
import type http from 'node:http';
import type { DispatchResult, ErrorCode } from '../../src-shared/contract/errors';

/**
 * The status of each contract error; a `Record` over every code, so a new code cannot fall
 * through to 500 unnoticed. Refusals of the caller's request are 4xx, the host's own failures 5xx:
 * - INVALID_INPUT is 400 (the request does not fit the contract's schema), INVALID_CELLS and
 *   SPLIT_REFUSED are 422 (well-formed, but the values cannot be saved as asked);
 * - IN_USE is 409 (the workspace's current state forbids it), and so is CANCELLED: the export was
 *   stopped by the user's own cancel-export, a state the job is in, not a failure of the host
 *   (499 is nginx's, not HTTP's);
 * - UNAVAILABLE is 503: this host cannot do it (no PDF printer), which a retry elsewhere may;
 * - INVALID_OUTPUT and INTERNAL are 500: the backend failed, whatever the request was.
 */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  INVALID_CELLS: 422,
  SPLIT_REFUSED: 422,
  NOT_FOUND: 404,
  UNKNOWN_CHANNEL: 404,
  FORBIDDEN: 403,
  IN_USE: 409,
  CONFLICT: 409,
  CANCELLED: 409,
  UNAVAILABLE: 503,
  INVALID_OUTPUT: 500,
  INTERNAL: 500,
};

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

/** An answer in the contract's envelope, `{ ok: false, error: { code, message, details } }`. */
export function sendError(
  res: http.ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  details?: unknown,
  headers?: http.OutgoingHttpHeaders,
): void {
  const error = details === undefined ? { code, message } : { code, message, details };
  sendJson(res, status, { ok: false, error } satisfies DispatchResult<never>, headers);
}

/**
 * The decoded path of a request target, or null when it cannot be one: not origin-form (`*`, an
 * absolute URL, which a browser sends only to a proxy), a malformed escape (`/%`, `/%E0%A4%A`),
 * or a NUL, which no file or channel name holds. The query is not needed by any route.
 */
export function pathOfTarget(target: string | undefined): string | null {
  if (!target || !target.startsWith('/')) return null;
  const end = target.search(/[?#]/);
  let pathname: string;
  try {
    pathname = decodeURIComponent(end === -1 ? target : target.slice(0, end));
  } catch {
    return null;
  }
  return pathname.includes('\0') ? null : pathname;
}

/**
 * How many Host headers a request carried. Node keeps only the first of several in `headers.host`,
 * so a request with a second, foreign Host (which a proxy in front might honour) would pass the
 * Host check unseen; `rawHeaders` still has them all.
 */
export function hostHeaderCount(req: http.IncomingMessage): number {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i].toLowerCase() === 'host') count++;
  return count;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body over ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * The body as text, refused with BodyTooLargeError as soon as it passes `limit`: at once when its
 * Content-Length says so, otherwise when the bytes read do. What follows the limit is read and
 * dropped, not kept, so the client can finish sending and read the 413 rather than a reset.
 */
export function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      return reject(new BodyTooLargeError(limit));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        return reject(new BodyTooLargeError(limit));
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
