/** `/account` (shared mode, signed in): passkeys, recovery codes, data, signing out, deleting. */
import AccountPanel, { type AccountPanelProps } from "@/islands/AccountPanel.tsx";
import { define } from "@/lib/state.ts";

export const title = "Your account";

export const handler = define.handlers<AccountPanelProps & { name: string }>({
  async GET(_req, ctx) {
    const { accounts, viewer, store } = ctx.state;
    if (accounts.mode !== "passkeys") return ctx.renderNotFound();
    if (!viewer) {
      return new Response(null, { status: 303, headers: { location: "/sign-in" } });
    }
    const [record, passkeys, recoveryCodes] = await Promise.all([
      store.getViewer(viewer.id),
      store.listPasskeys(viewer.id),
      store.countRecoveryCodes(viewer.id),
    ]);
    return ctx.render({
      name: record?.name ?? "",
      passkeys: passkeys.map(({ id, name, createdAt, lastUsedAt }) => ({
        id,
        name,
        createdAt,
        lastUsedAt,
      })),
      recoveryCodes,
    });
  },
});

export default define.page<typeof handler>(function Account({ data, state }) {
  return (
    <div class="account-page">
      <header class="page-head">
        <h1>Your account</h1>
        <p class="muted">
          Signed in as <strong>{data.name}</strong>
          {state.viewer?.admin ? " (admin)" : ""}. Your viewings are yours alone.
        </p>
        <form method="post" action="/sign-out">
          <button type="submit" class="button button--ghost button--small">Sign out</button>
        </form>
      </header>
      <AccountPanel passkeys={data.passkeys} recoveryCodes={data.recoveryCodes} />
    </div>
  );
});
