import { randomUUID } from "node:crypto";
import { accountId, ensureAccounts, type Ledger, PLATFORM_OWNER, type Sql } from "@coinstream/db";
import type { PaymentProvider } from "../payments/payment-provider.ts";
import type { StreamEventHub } from "../realtime/stream-event-hub.ts";
import type { Viewer } from "../services/service-context.ts";
import { ensureViewerWallet } from "../services/wallet/viewer-wallet.ts";
import { createAdmin, createCreator, createPerson } from "../test-support/people.ts";
import { createContext } from "../trpc/context.ts";
import { createCallerFactory } from "../trpc/init.ts";
import { appRouter } from "../trpc/root.ts";
import type { Role } from "./roles.ts";

export type SignedInRole = Exclude<Role, "anonymous">;
export type CreatorRole = "creator" | "otherCreator" | "frozen";

export interface CreatorSetup {
  readonly user: Viewer;
  readonly handle: string;
  readonly url: string;
  /** The verified channel claim `createCreator` seeds. */
  readonly claimId: string;
}

const COINS_EACH = 20_000n;
const DIAMONDS_EACH = 100_000n;
const FROZEN_REASON = "suspected fraud";
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

/** Checkout pages are not opened here: the provider only hands back a page address. */
const payments: PaymentProvider = {
  name: "sandbox",
  async createCheckout(request) {
    return { sessionId: `cs_${request.purchaseId}`, url: "http://checkout.test" };
  },
  async startAgeCheck(request) {
    return { sessionId: `cs_age_${request.ageCheckId}`, url: "http://checkout.test" };
  },
};

/**
 * The people of one matrix row, fresh for each procedure so no cell sees another row's effects:
 * two viewers, two creators and a frozen creator (each withdraw-ready), an admin, and `star`, a
 * creator outside the matrix who receives the gifts, tips, boosts and messages.
 */
export class MatrixWorld {
  private readonly made = new Map<string, Promise<unknown>>();
  private readonly ids = new Map<SignedInRole, Set<string>>();

  private constructor(
    readonly sql: Sql,
    readonly ledger: Ledger,
    readonly events: StreamEventHub,
    readonly people: Readonly<Record<SignedInRole, Viewer>>,
    readonly creators: Readonly<Record<CreatorRole | "star", CreatorSetup>>,
  ) {}

  static async create(sql: Sql, ledger: Ledger, events: StreamEventHub): Promise<MatrixWorld> {
    const creator = async () => {
      const made = await createCreator(sql);
      // An entered count an admin approved: it counts, and the creator may enter another.
      const [claim] = await sql<{ id: string }[]>`
        update creator_channels set followers_verified = false, followers_review = 'approved'
        where creator_user_id = ${made.user.userId} returning id`;
      await ensureAccounts(sql, [{ ownerId: made.user.userId, purpose: "creator_available" }]);
      await sql`
        insert into payout_methods (user_id, method, label)
        values (${made.user.userId}, 'bank', 'Checking 42')`;
      return { user: made.user, handle: made.handle, url: made.url, claimId: claim?.id ?? "" };
    };
    const [mine, theirs, frozen, star] = [
      await creator(),
      await creator(),
      await creator(),
      await creator(),
    ];
    const people = {
      viewer: await createPerson(sql, { name: "Vera Viewer" }),
      otherViewer: await createPerson(sql, { name: "Otto Otherviewer" }),
      creator: mine.user,
      otherCreator: theirs.user,
      admin: await createAdmin(sql, { name: "Ada Admin" }),
      frozen: { ...frozen.user, frozen: true },
    };
    const world = new MatrixWorld(sql, ledger, events, people, {
      creator: mine,
      otherCreator: theirs,
      frozen: { ...frozen, user: people.frozen },
      star,
    });
    await world.fund();
    await sql`
      update users set frozen_at = now(), frozen_reason = ${FROZEN_REASON}
      where id = ${people.frozen.userId}`;
    return world;
  }

  /** Coins for everyone signed in; available diamonds for the three matrix creators. */
  private async fund() {
    const coins = await Promise.all(
      Object.values(this.people).map(async (who) => ({
        id: randomUUID(),
        debitAccountId: accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" }),
        creditAccountId: await ensureViewerWallet(this.sql, who.userId),
        asset: "COIN" as const,
        amount: COINS_EACH,
        code: "purchase" as const,
      })),
    );
    const diamonds = (["creator", "otherCreator", "frozen"] as const).map((role) => ({
      id: randomUUID(),
      debitAccountId: accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_diamond_issuance" }),
      creditAccountId: accountId({
        ownerId: this.people[role].userId,
        purpose: "creator_available",
      }),
      asset: "DIAMOND" as const,
      amount: DIAMONDS_EACH,
      code: "adjustment" as const,
    }));
    const results = await this.ledger.createTransfers([...coins, ...diamonds]);
    const failed = results.filter((result) => result.result !== "ok");
    if (failed.length > 0) throw new Error(`funding failed: ${JSON.stringify(failed)}`);
  }

  /** A tRPC caller as `role` (null viewer for anonymous). */
  callerAs(role: Role): Caller {
    return this.callerFor(role === "anonymous" ? null : this.people[role]);
  }

  callerFor(who: Viewer | null): Caller {
    return createCaller(
      createContext(
        {
          sql: this.sql,
          ledger: this.ledger,
          payments: { provider: payments },
          events: this.events,
        },
        who,
      ),
    );
  }

  /** Makes something once per world (a ward, a message, a flagged withdrawal) under `key`. */
  once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let made = this.made.get(key) as Promise<T> | undefined;
    if (!made) {
      made = make();
      this.made.set(key, made);
    }
    return made;
  }

  /** Records ids handed out to `role` (its message, tier, claim, transfer...). */
  remember(role: SignedInRole, ...ids: string[]) {
    const known = this.ids.get(role) ?? new Set<string>();
    for (const id of ids) known.add(id);
    this.ids.set(role, known);
  }

  /** Records every uuid in what a call returned to `role`. */
  rememberResult(role: SignedInRole, result: unknown) {
    this.remember(role, ...(JSON.stringify(result ?? null).match(UUID) ?? []));
  }

  /** What identifies `role` and its things: its user id and every id it was handed. */
  idsOf(role: SignedInRole): readonly string[] {
    return [this.people[role].userId, ...(this.ids.get(role) ?? [])];
  }

  /** Runs `work` with the frozen account thawed (setting up its things), then freezes it again. */
  async whileThawed<T>(work: () => Promise<T>): Promise<T> {
    const id = this.people.frozen.userId;
    await this.sql`update users set frozen_at = null, frozen_reason = null where id = ${id}`;
    try {
      return await work();
    } finally {
      await this.sql`
        update users set frozen_at = now(), frozen_reason = ${FROZEN_REASON} where id = ${id}`;
    }
  }

  /**
   * Runs `work` with a caller for `role` to set up its things; the frozen account is thawed for
   * it (a frozen account makes nothing new), then frozen again.
   */
  setUp<T>(role: SignedInRole, work: (caller: Caller) => Promise<T>): Promise<T> {
    if (role !== "frozen") return work(this.callerAs(role));
    return this.whileThawed(() => work(this.callerFor({ ...this.people.frozen, frozen: false })));
  }
}

/** A fresh adult with nothing else (an invitee, a ward, a freeze target). */
export function freshPerson(world: MatrixWorld): Promise<Viewer> {
  return createPerson(world.sql, { name: "Finn Fresh" });
}
