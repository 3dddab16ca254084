import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "./support/test";
import { createUser, signedInContext, type TestUser } from "./support/users";

/**
 * Issue 7's hardening as a browser meets it: the security headers and a nonce-based CSP without
 * eval under which every page still works, cookies that do not ride cross-origin mutations, and
 * hostile text shown as text.
 */
const workspace = `security-e2e-${randomUUID()}`;
let editor: TestUser;

test.beforeAll(async () => {
  editor = await createUser("editor", { label: "security", workspace });
});

/** Calls a tRPC mutation with the page's cookies, as the page's own client would. */
function trpcMutation(page: Page, path: string, input: unknown, origin: string) {
  return page.request.post(`/api/trpc/${path}`, {
    headers: { "content-type": "application/json", origin },
    data: { json: input },
  });
}

function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy|Refused to (execute|load|apply|evaluate)/i.test(message.text())) {
      problems.push(message.text());
    }
  });
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return problems;
}

test("pages carry the security headers and work under a nonce CSP without eval", async ({ browser }) => {
  const context = await signedInContext(browser, editor);
  const page = await context.newPage();
  const problems = collectProblems(page);
  const response = await page.goto("/");
  const headers = response?.headers() ?? {};
  const policy = headers["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).not.toContain("unsafe-eval");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(headers).toMatchObject({
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
  });
  // Next.js put this request's nonce on each of its scripts (the browser hides the attribute).
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  const scriptNonces = await page.evaluate(() => [...document.scripts].map((script) => script.nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(scriptNonces.every((value) => value === nonce)).toBe(true);
  // A new nonce per answer.
  const again = await page.request.get("/");
  expect(again.headers()["content-security-policy"]).not.toBe(policy);

  // The editor, with the layout engine (elkjs) and the help dialog, runs under the policy.
  await page.getByRole("button", { name: "New design" }).click();
  const dialog = page.getByRole("dialog", { name: "New design" });
  await dialog.getByLabel("Name").fill("Under CSP");
  await dialog.getByRole("button", { name: "Create design" }).click();
  await expect(page).toHaveURL(/\/designs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Under CSP" })).toBeVisible();
  await page.locator(".react-flow__pane").click();
  await page.keyboard.press("l");
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: /shortcuts/i })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  expect(problems).toEqual([]);
  await context.close();
});

test("a cross-origin mutation riding the session cookie is refused and changes nothing", async ({
  browser,
}, testInfo) => {
  const baseUrl = String(testInfo.project.use.baseURL);
  const context = await signedInContext(browser, editor);
  const page = await context.newPage();
  const evilName = `csrf-evil-${randomUUID().slice(0, 8)}`;
  const refused = await trpcMutation(page, "designs.create", { name: evilName }, "https://evil.example");
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ error: { code: "cross_origin" } });
  const rest = await page.request.post("/api/v1/designs", {
    headers: { "content-type": "application/json", origin: "https://evil.example" },
    data: { name: evilName },
  });
  expect(rest.status()).toBe(403);
  const signOut = await page.request.post("/api/auth/sign-out", {
    headers: { "content-type": "application/json", origin: "https://evil.example" },
    data: {},
  });
  expect(signOut.status()).toBe(403);

  // The same request from our own origin goes through: the cookie was good, the origin was not.
  const goodName = `csrf-ok-${randomUUID().slice(0, 8)}`;
  expect((await trpcMutation(page, "designs.create", { name: goodName }, baseUrl)).status()).toBe(200);
  await page.goto("/");
  await expect(page.getByRole("link", { name: goodName })).toBeVisible();
  await expect(page.getByRole("link", { name: evilName })).toHaveCount(0);
  await context.close();
});

test("hostile text in names, inputs and outputs is shown literally", async ({ browser }, testInfo) => {
  const baseUrl = String(testInfo.project.use.baseURL);
  const context = await signedInContext(browser, editor);
  const page = await context.newPage();
  const problems = collectProblems(page);
  const name = `<img src=x onerror=alert(1)> '; DROP TABLE design; -- ${randomUUID().slice(0, 6)}`;
  const created = await trpcMutation(page, "designs.create", { name }, baseUrl);
  expect(created.status()).toBe(200);
  const designId = ((await created.json()) as { result: { data: { json: { id: string } } } }).result.data.json
    .id;

  await page.goto("/");
  await expect(page.getByRole("link", { name })).toBeVisible();
  await page.goto(`/designs/${designId}`);
  await expect(page.getByRole("heading", { name })).toBeVisible();

  const input = "**bold** <script>alert('owned')</script> ../../etc/passwd";
  const graph = {
    version: 1,
    nodes: [
      { id: "a", type: "agent", position: { x: 0, y: 0 }, data: { name: "echo", model: "passthrough" } },
    ],
    edges: [],
  };
  const run = await trpcMutation(page, "runs.start", { graph, input, wait: true }, baseUrl);
  expect(run.status()).toBe(200);
  const runId = ((await run.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;
  await page.goto(`/runs/${runId}`);
  const output = page.getByRole("region", { name: "Output", exact: true });
  const markdown = output.locator(".run-output-markdown");
  await expect(markdown).toContainText("<script>alert('owned')</script> ../../etc/passwd");
  await expect(markdown.locator("strong", { hasText: "bold" })).toBeVisible();
  expect(await output.locator("script, img").count()).toBe(0);
  expect(problems).toEqual([]);
  await context.close();
});
