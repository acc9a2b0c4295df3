import { DomainError, DomainErrorCode, groupThousands, RATE_CARD } from "@coinstream/core";
import { announceStreamEvents } from "../../realtime/announce-stream-events.ts";
import type { CreatorContext } from "../service-context.ts";
import { emitGoalProgressIn, recordGoalCleared } from "./goal-progress.ts";
import { type Queryable, readOpenSession, type SessionProgress } from "./session-progress.ts";

/**
 * Sets (or replaces) the coin goal of the caller's live session, within the rate card's bounds,
 * and announces it at once. Progress counts every coin of the session, before the goal too; a
 * goal already reached under the same target stays reached.
 */
export async function setGoal(
  { sql, creator }: Pick<CreatorContext, "sql" | "creator">,
  input: { readonly coins: number; readonly title: string | null },
): Promise<SessionProgress> {
  const { minCoins, maxCoins } = RATE_CARD.goals;
  if (!Number.isSafeInteger(input.coins) || input.coins < minCoins || input.coins > maxCoins) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `A goal is ${groupThousands(minCoins)} to ${groupThousands(maxCoins)} coins.`,
      { field: "coins", minCoins, maxCoins },
    );
  }
  const { session, announce } = await sql.begin(async (tx) => {
    const [updated] = await tx<{ id: string }[]>`
      update stream_sessions
      set goal_coins = ${input.coins}, goal_title = ${input.title},
          goal_reached_at = case when goal_coins = ${input.coins} then goal_reached_at end
      where creator_user_id = ${creator.userId} and ended_at is null
      returning id`;
    if (!updated) throw notLive();
    const announce = await emitGoalProgressIn(tx, [updated.id]);
    return { session: await requireOpenSession(tx, creator.userId), announce };
  });
  await announceStreamEvents(sql, announce);
  return session;
}

/** Removes the live session's goal; overlays hide their goal bar. */
export async function clearGoal({
  sql,
  creator,
}: Pick<CreatorContext, "sql" | "creator">): Promise<SessionProgress> {
  const { session, announce } = await sql.begin(async (tx) => {
    const [open] = await tx<{ id: string; goal_coins: bigint | null }[]>`
      select id, goal_coins from stream_sessions
      where creator_user_id = ${creator.userId} and ended_at is null for update`;
    if (!open) throw notLive();
    const announce: string[] = [];
    if (open.goal_coins !== null) {
      await tx`
        update stream_sessions set goal_coins = null, goal_title = null, goal_reached_at = null
        where id = ${open.id}`;
      await recordGoalCleared(tx, {
        id: open.id,
        creatorUserId: creator.userId,
        handle: creator.handle,
      });
      announce.push(creator.userId);
    }
    return { session: await requireOpenSession(tx, creator.userId), announce };
  });
  await announceStreamEvents(sql, announce);
  return session;
}

async function requireOpenSession(tx: Queryable, creatorUserId: string) {
  const session = await readOpenSession(tx, creatorUserId);
  if (!session) throw notLive();
  return session;
}

function notLive(): DomainError {
  return new DomainError(
    DomainErrorCode.NOT_FOUND,
    "You are not live: start a session (sessions.start) before setting a goal.",
  );
}
