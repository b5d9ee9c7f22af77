/** KVS answers a failed transaction condition with 409; branch on the status, not the code string. */
export function isConditionFailure(error: unknown): boolean {
  const status = (error as { responseDetails?: { status?: number } } | undefined)?.responseDetails?.status;
  return status === 409;
}
