import "server-only";
import type { RunEvent } from "@/server/events/schema";
import { followRunEventsOf } from "@/server/runs/run-events";
import { redactEvent } from "@/server/shares/redact";
import { watchShareRevocation } from "@/server/shares/revocations";
import { shareTokenStillValid, type ResolvedShareLink } from "@/server/shares/share-links";

/** Revocations made by another instance are noticed within this long. */
const RECHECK_MS = 5_000;

/**
 * A shared run's events, redacted, stored then live. The stream ends as soon as the link stops
 * working (revoked, expired, run deleted), so a connected viewer is cut off at once; reconnecting
 * then answers 404.
 */
export async function* followSharedRunEvents(options: {
  token: string;
  link: ResolvedShareLink;
  afterSeq: number;
  signal: AbortSignal;
}): AsyncGenerator<RunEvent> {
  const { token, link } = options;
  const stop = new AbortController();
  const end = () => stop.abort();
  options.signal.addEventListener("abort", end, { once: true });
  const unwatch = watchShareRevocation(link.runId, end);
  const expiry = link.expiresAt
    ? setTimeout(end, Math.max(0, link.expiresAt.getTime() - Date.now()))
    : undefined;
  const recheck = setInterval(() => {
    void shareTokenStillValid(token).then((valid) => {
      if (!valid) end();
    });
  }, RECHECK_MS);
  try {
    for await (const event of followRunEventsOf(link.runId, options.afterSeq, stop.signal)) {
      if (stop.signal.aborted) return;
      yield redactEvent(event);
    }
  } finally {
    unwatch();
    clearTimeout(expiry);
    clearInterval(recheck);
    options.signal.removeEventListener("abort", end);
  }
}
