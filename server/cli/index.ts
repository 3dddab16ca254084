/**
 * npm run cli -- <command>: local administration (api.md). Needs shell access to the server and
 * nothing else: it uses the running server's embedded database, or starts it for the command.
 *
 *   token create --name NAME [--user EMAIL] [--workspace NAME] [--role owner|editor|viewer]
 *   token list [--workspace NAME]
 *   token revoke ID [--workspace NAME]
 *   user create --email EMAIL --password PASSWORD [--workspace NAME] [--role ROLE]
 */
import { parseArgs } from "node:util";
import { openDatabase } from "@/server/cli/database";
import { EnvError, parseEnv } from "@/server/config/env";
import { readOrCreateSecret } from "@/server/crypto/secret";
import { roleSchema } from "@/server/auth/roles";
import { DomainError } from "@/server/errors";

const USAGE = `Usage: npm run cli -- <command>
  token create --name NAME [--user EMAIL] [--workspace NAME] [--role owner|editor|viewer]
  token list [--workspace NAME]
  token revoke ID [--workspace NAME]
  user create --email EMAIL --password PASSWORD [--workspace NAME] [--role owner|editor|viewer]`;

class UsageError extends Error {}

function parseRole(value: string | undefined) {
  if (value === undefined) return undefined;
  const role = roleSchema.safeParse(value);
  if (!role.success) throw new UsageError(`--role must be owner, editor or viewer (got "${value}").`);
  return role.data;
}

function required(value: string | undefined, flag: string): string {
  if (!value?.trim()) throw new UsageError(`${flag} is required.`);
  return value;
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      user: { type: "string" },
      workspace: { type: "string" },
      role: { type: "string" },
      email: { type: "string" },
      password: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [group, action, argument] = positionals;
  if (values.help || !group) {
    console.log(USAGE);
    return;
  }
  const command = `${group} ${action ?? ""}`.trim();
  const known = ["token create", "token list", "token revoke", "user create"];
  if (!known.includes(command)) throw new UsageError(`Unknown command "${command}".`);

  const env = parseEnv(process.env);
  const database = await openDatabase(env, { reuseRunningServer: true });
  // Loaded only for a real command: these modules take seconds to load, `--help` should not wait.
  const { adminCreateToken, adminCreateUser, adminListTokens, adminRevokeToken } =
    await import("@/server/cli/admin");
  const { disconnectDb } = await import("@/server/db/client");
  process.env.TRELLIS_SECRET ??= env.TRELLIS_SECRET ?? (await readOrCreateSecret(env.TRELLIS_DATA_DIR));
  try {
    if (command === "token create") {
      const token = await adminCreateToken({
        name: required(values.name, "--name"),
        email: values.user,
        workspace: values.workspace,
        role: parseRole(values.role),
      });
      // Only the token on stdout, so scripts can capture it.
      process.stdout.write(`${token}\n`);
    } else if (command === "token list") {
      for (const token of await adminListTokens(values.workspace)) {
        const state = token.revokedAt ? "revoked" : "active";
        console.log(`${token.id}  ${token.prefix}…  ${token.name}  ${token.role ?? "-"}  ${state}`);
      }
    } else if (command === "token revoke") {
      await adminRevokeToken(required(argument, "The token id"), values.workspace);
      console.error("Token revoked.");
    } else {
      const user = await adminCreateUser({
        email: required(values.email, "--email"),
        password: required(values.password, "--password"),
        workspace: values.workspace,
        role: parseRole(values.role),
      });
      console.log(`Created ${user.email} (${user.role} in workspace "${user.workspace}").`);
    }
  } finally {
    await disconnectDb();
    await database.stop();
  }
}

run(process.argv.slice(2))
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (error instanceof EnvError || error instanceof DomainError) console.error(error.message);
    else if (error instanceof Error && error.name === "TypeError" && "code" in error)
      console.error(`${error.message}\n\n${USAGE}`);
    else console.error("The command failed:", error);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
