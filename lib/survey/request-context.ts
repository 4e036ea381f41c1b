import type { SubmissionContext } from './submit-response';

/**
 * Facts about the request that only the server knows, for submit_response. Ballot-stuffing detection (the keyed
 * hash of the client address) joins here; the address itself is never stored.
 */
export async function requestContext(channel: SubmissionContext['channel']): Promise<SubmissionContext> {
  return { channel };
}
