import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.TRELLIS_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
// Every test file shares one database and, without the HTTP edge, one client address ("unknown"):
// production limits would throttle the suite. The rate-limit tests set their own (per file).
for (const name of [
  "TRELLIS_SIGN_IN_ATTEMPTS_PER_MINUTE",
  "TRELLIS_SIGN_UPS_PER_HOUR",
  "TRELLIS_TOKEN_REQUESTS_PER_MINUTE",
  "TRELLIS_RUN_STARTS_PER_MINUTE",
  "TRELLIS_SHARE_VIEWS_PER_MINUTE",
]) {
  process.env[name] ??= "100000";
}
