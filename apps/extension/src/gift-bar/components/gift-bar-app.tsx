import type { GoalProgress } from "@coinstream/api";
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { ApiClient, BackgroundActions } from "../../messaging/api-client.ts";
import { apiErrorOf } from "../../messaging/api-error.ts";
import type { OutputOf, StreamPortMessage } from "../../messaging/contract.ts";
import { chooseAdapter } from "../../site-adapters/adapters.ts";
import { useAnimations } from "../hooks/use-animations.ts";
import { useAsync } from "../hooks/use-async.ts";
import { type BarSlot, useBarPlacement } from "../hooks/use-bar-placement.ts";
import { useDock } from "../hooks/use-dock.ts";
import { useHidden } from "../hooks/use-hidden.ts";
import { useLiveReports } from "../hooks/use-live-reports.ts";
import { usePageTarget } from "../hooks/use-page-target.ts";
import { usePlayerRect } from "../hooks/use-player-rect.ts";
import { usePrefersReducedMotion } from "../hooks/use-reduced-motion.ts";
import { type PendingSends, useSender } from "../hooks/use-sender.ts";
import { isLiveEvent } from "../lib/animation-queue.ts";
import { applyGoalEvent, didReachGoal, goalFromSession } from "../lib/goal.ts";
import type { HiddenSites } from "../lib/hidden-sites.ts";
import type { PageTarget } from "../lib/page-target.ts";
import { comboWindowMsFor, continueSendCombo, type SendCombo } from "../lib/send-combo.ts";
import type { SendAttempt, SentResult } from "../lib/send-to-stream.ts";
import type { StreamFollower } from "../lib/stream-follower.ts";
import type { WalletSignal } from "../lib/wallet-signal.ts";
import { AnimationLayer } from "./animation-layer.tsx";
import { GiftBar, type LiveConnection } from "./gift-bar.tsx";
import { Launcher } from "./launcher.tsx";
import { CollapsedPill, NotJoinedChip, ShowBarButton } from "./small-states.tsx";
import type { OwnedSticker } from "./tip-form.tsx";

export type PageWindow = Window & typeof globalThis;

/** Decides whether a spend may go now (a real gesture in a visible frame); null: go. */
export interface SpendGuard {
  readonly refuse: () => string | null;
}

/**
 * Where the app runs. `launcher`: the content script in the host page, which shows only the
 * launcher (and the panel's frame when opened), the not-joined chip and the animations, and reads
 * nothing private. `panel`: the extension's own frame, which shows the whole bar for the target
 * the launcher named and guards every spend. Without a surface, both in one (component tests).
 */
export type Surface =
  | {
      readonly kind: "launcher";
      readonly panelUrl: (target: PageTarget, hostname: string) => string;
    }
  | {
      readonly kind: "panel";
      readonly target: PageTarget;
      readonly hostname: string;
      readonly guard: SpendGuard;
      readonly close: () => void;
    };

/** Everything the gift bar needs from outside, so tests can stand in for the extension. */
export interface GiftBarServices {
  readonly api: ApiClient;
  /** Who is signed in (the `auth` message). */
  readonly background: Pick<BackgroundActions, "auth">;
  readonly hiddenSites: HiddenSites;
  /** Opens a follower on the background's `stream` port. */
  readonly openStream: (onMessage: (message: StreamPortMessage) => void) => StreamFollower;
  readonly win: PageWindow;
  readonly now: () => number;
  readonly newKey: () => string;
  readonly surface?: Surface | undefined;
  /** Per site: was the launcher's panel left open (remembered across loads)? */
  readonly openSites?: HiddenSites | undefined;
  /**
   * Opens the wallet (the popup's page: sign in, buy coins) in a small extension window. The
   * panel notices the new session or balance when the viewer comes back to it.
   */
  readonly openWallet?: (() => void) | undefined;
  /** Tells every open panel the balance changed (none in the host page). */
  readonly walletSignal?: WalletSignal | undefined;
  /** Where the panel keeps a send until it is answered (none in the host page). */
  readonly pendingSends?: PendingSends | undefined;
}

const LEADERBOARD_REFRESH_MS = 2_500;
const SIGNED_OUT_RECHECK_MS = 10_000;
const RESOLVE_RETRY_MS = 30_000;

/**
 * The content script's whole UI on a page: finds the page's creator (following single-page
 * navigation), asks the API whether they can receive gifts, and shows the gift bar, the dim
 * chip, or nothing; plays the stream's gifts over the player while the bar is shown.
 */
export function GiftBarApp({ services }: { readonly services: GiftBarServices }) {
  const { api, win, now, surface } = services;
  const panel = surface?.kind === "panel" ? surface : null;
  const launcher = surface?.kind === "launcher" ? surface : null;
  const hostname = panel ? panel.hostname : win.location.hostname;
  const adapter = useMemo(() => chooseAdapter(hostname), [hostname]);
  const pageTarget = usePageTarget(win, adapter);
  const target = panel ? panel.target : pageTarget;
  const { hidden, setHidden } = useHidden(services.hiddenSites, hostname);
  const reducedMotion = usePrefersReducedMotion(win);

  const resolution = useAsync(target?.key ?? null, () =>
    api.streams.resolve.query(target ? target.to : { handle: "" }),
  );
  const resolved = resolution.data;
  // The API could not be asked (offline, restarting): ask again in a while, quietly.
  useEffect(() => {
    if (resolution.error === null) return;
    const timer = win.setTimeout(resolution.reload, RESOLVE_RETRY_MS);
    return () => win.clearTimeout(timer);
  }, [win, resolution.error, resolution.reload]);
  const creator = resolved?.found ? resolved.creator : null;
  const handle = creator?.canReceive ? creator.handle : null;
  const showing =
    target !== null && hidden !== null && (resolved !== null || resolution.error !== null);
  const active = handle !== null && hidden === false;
  // The launcher in the host page reads nothing private: no session, wallet or spends there.
  const privateActive = active && launcher === null;
  // The launcher (the tab's top frame) says when its creator's page is live.
  useLiveReports(api, win, adapter, launcher && handle !== null ? target : null);

  // Who is signed in: asked of the background, again when the viewer comes back to the page.
  const auth = useAsync(privateActive ? "auth" : null, () =>
    services.background.auth({ action: "status" }),
  );
  const signedIn = auth.data ? auth.data.ok && auth.data.data.user !== null : null;
  const userId = auth.data?.ok ? (auth.data.data.user?.id ?? null) : null;
  const recheckAuth = useThrottled(auth.reload, 2_000, now);

  const catalog = useAsync(active ? "catalog" : null, () => api.gifts.catalog.query());
  const wallet = useAsync(privateActive && signedIn && userId ? `wallet:${userId}` : null, () =>
    api.wallet.get.query(),
  );
  // Stickers the viewer owns, for the tip form (bought in the popup: read again on return).
  const profile = useAsync(privateActive && signedIn && userId ? `profile:${userId}` : null, () =>
    api.profile.get.query(),
  );
  const stickers = useMemo(() => ownedStickers(profile.data), [profile.data]);
  // Coins bought or a sign-in in the popup show up when the viewer returns to the page.
  const refreshOnReturn = useThrottled(
    () => {
      auth.reload();
      wallet.reload();
      profile.reload();
    },
    2_000,
    now,
  );
  useRecheckWhenBack(win, privateActive, signedIn === false, refreshOnReturn);
  // A send in another tab, coins bought in the wallet window: read the balance again at once.
  const { walletSignal } = services;
  const reloadWallet = wallet.reload;
  const reloadProfile = profile.reload;
  useEffect(() => {
    if (!privateActive || !walletSignal) return;
    // A sticker bought in the popup is offered at once too.
    return walletSignal.subscribe(() => {
      reloadWallet();
      reloadProfile();
    });
  }, [privateActive, walletSignal, reloadWallet, reloadProfile]);
  const leaderboard = useAsync(privateActive ? `leaderboard:${handle}` : null, () =>
    api.streams.leaderboard.query({ to: { handle: handle ?? "" }, period: "live" }),
  );
  const session = useAsync(privateActive ? `session:${handle}` : null, () =>
    api.sessions.current.query({ handle: handle ?? "" }),
  );
  const [liveGoal, setLiveGoal] = useState<{ handle: string; goal: GoalProgress | null } | null>(
    null,
  );
  const goal =
    liveGoal !== null && liveGoal.handle === handle
      ? liveGoal.goal
      : session.data
        ? goalFromSession(session.data)
        : null;

  const comboWindowMs = comboWindowMsFor(catalog.data?.rateCardVersion ?? null);
  const [combo, setCombo] = useState<SendCombo | null>(null);
  const onSent = useCallback(
    (result: SentResult, attempt: SendAttempt) => {
      if (wallet.data) wallet.set({ ...wallet.data, coins: result.balance });
      services.walletSignal?.bump();
      const { request } = attempt;
      if (request.kind === "gift") {
        setCombo((previous) =>
          continueSendCombo(previous, request.giftId, request.count, now(), comboWindowMs),
        );
      }
    },
    [wallet, now, comboWindowMs, services.walletSignal],
  );
  const unguarded = useSender(api, services.newKey, onSent, services.pendingSends ?? null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const sender = useGuardedSender(unguarded, panel?.guard ?? null, setRefusal);
  useEffect(() => {
    if (sender.state.phase === "failed" && sender.state.error.code === "UNAUTHORIZED") {
      auth.reload();
    }
  }, [sender.state, auth.reload]);

  const animations = useAnimations(catalog.data?.gifts ?? [], reducedMotion, now);
  const [connection, setConnection] = useState<LiveConnection>("connecting");
  const refreshLeaderboard = useThrottled(leaderboard.reload, LEADERBOARD_REFRESH_MS, now);

  // Stream events: animations, the goal, and a fresher leaderboard.
  const onMessage = useRef<(message: StreamPortMessage) => void>(() => {});
  onMessage.current = (message) => {
    if (message.type === "status") {
      setConnection(message.connected ? "open" : "reconnecting");
      return;
    }
    setConnection("open");
    const { event } = message;
    if (handle === null || event.creatorHandle !== handle) return;
    if (event.kind === "goal") {
      const next = applyGoalEvent(goal, event);
      if (didReachGoal(goal, next) && next && isLiveEvent(event, now())) {
        animations.celebrateGoal(next);
      }
      setLiveGoal({ handle, goal: next });
      return;
    }
    animations.push(event);
    refreshLeaderboard();
  };
  const follower = useRef<StreamFollower | null>(null);
  useEffect(() => {
    const opened = services.openStream((message) => onMessage.current(message));
    follower.current = opened;
    return () => {
      opened.close();
      follower.current = null;
    };
  }, [services]);
  const followed = active ? handle : null;
  useEffect(() => {
    follower.current?.follow(followed);
    animations.clear();
    setCombo(null);
    setConnection("connecting");
    sender.dismiss();
  }, [followed, animations.clear, sender.dismiss]);
  // A send an earlier panel left unanswered (closed mid-send) comes back as a retry with its key.
  const { pendingSends } = services;
  const resume = unguarded.resume;
  useEffect(() => {
    if (followed === null || !pendingSends) return;
    let current = true;
    pendingSends.load().then(
      (attempt) => {
        if (current && attempt) resume(attempt);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [followed, pendingSends, resume]);

  // The launcher never enters the page's layout: it and its panel are fixed over the page.
  const slot = useBarPlacement(win, adapter, showing && panel === null && launcher === null);
  const dock = useDock(win, adapter, showing && launcher !== null && active);
  const stageRect = usePlayerRect(win, adapter, active && animations.state.visible.length > 0);
  // Floating over a platform's own layout (its anchor went missing), the bar starts folded into
  // a pill; on a creator's own page (meta tag) it starts open.
  const [collapsed, setCollapsed] = useState(adapter.id !== "page");
  // The launcher's panel: closed until the viewer opens it, then as the viewer left it on this site.
  const [panelOpen, setPanelOpen] = useRememberedOpen(
    launcher ? services.openSites : undefined,
    hostname,
  );

  if (!showing) return null;

  let content: ReactNode;
  if (hidden) {
    content = <ShowBarButton onShow={() => setHidden(false)} />;
  } else if (resolution.error) {
    content = <NotJoinedChip note="Coinstream can't be reached right now." />;
  } else if (!creator) {
    content = (
      <NotJoinedChip
        note={
          resolved && !resolved.found ? resolved.reason : "This creator isn't on Coinstream yet."
        }
      />
    );
  } else if (!creator.canReceive) {
    content = <NotJoinedChip note={`@${creator.handle} can't receive gifts on Coinstream yet.`} />;
  } else if (launcher) {
    // Not before the site's remembered choice is read: a click then could be undone by it.
    content =
      panelOpen === null ? null : (
        <Launcher
          handle={creator.handle}
          open={panelOpen}
          panelUrl={target ? launcher.panelUrl(target, hostname) : null}
          layout={dock}
          onToggle={setPanelOpen}
        />
      );
  } else if (collapsed && slot.container === null && panel === null) {
    content = (
      <CollapsedPill
        handle={creator.handle}
        balance={wallet.data?.coins ?? null}
        onExpand={() => setCollapsed(false)}
      />
    );
  } else {
    content = (
      <GiftBar
        api={api}
        handle={creator.handle}
        to={target.to}
        catalog={catalog.data}
        catalogError={catalog.error}
        onReloadCatalog={catalog.reload}
        signedIn={signedIn}
        balance={wallet.data?.coins ?? null}
        stickers={stickers}
        goal={goal}
        live={session.data ? session.data.live : null}
        leaderboard={leaderboard.data?.entries ?? []}
        connection={connection}
        sender={sender}
        combo={combo}
        comboWindowMs={comboWindowMs}
        now={now}
        reducedMotion={reducedMotion}
        onHide={() => setHidden(true)}
        onCollapse={
          panel ? panel.close : slot.container === null ? () => setCollapsed(true) : undefined
        }
        refusal={refusal}
        onOpenWallet={services.openWallet}
        onActivity={signedIn === false ? recheckAuth : undefined}
        onReport={
          panel && signedIn
            ? (reason, details) =>
                api.reports.create
                  .mutate({ target: { kind: "creator", handle: creator.handle }, reason, details })
                  .then(
                    () => null,
                    (caught: unknown) => apiErrorOf(caught).message,
                  )
            : undefined
        }
      />
    );
  }

  if (panel) return <div className="cs-panel">{content}</div>;
  if (launcher && creator?.canReceive && !hidden) {
    return (
      <>
        {active && animations.state.visible.length > 0 ? (
          <AnimationLayer state={animations.state} rect={stageRect} />
        ) : null}
        {content}
      </>
    );
  }
  return (
    <>
      {active && animations.state.visible.length > 0 ? (
        <AnimationLayer state={animations.state} rect={stageRect} />
      ) : null}
      <Placed slot={slot}>{content}</Placed>
    </>
  );
}

/** The bar inline in the site's layout (a portal into its own shadow root) or floating. */
function Placed({ slot, children }: { readonly slot: BarSlot; readonly children: ReactNode }) {
  if (slot.container !== null) return createPortal(children, slot.container);
  return <div className="cs-floating">{children}</div>;
}

/**
 * Open or folded, read once per page load from the site's remembered choice (null until read),
 * saved on change.
 */
function useRememberedOpen(
  sites: HiddenSites | undefined,
  hostname: string,
): [boolean | null, (open: boolean) => void] {
  const [open, setOpen] = useState<boolean | null>(sites ? null : false);
  useEffect(() => {
    let current = true;
    sites?.isHidden(hostname).then(
      (value) => current && setOpen(value),
      // Storage unreadable: folded, as on a first visit.
      () => current && setOpen(false),
    );
    return () => {
      current = false;
    };
  }, [sites, hostname]);
  const set = useCallback(
    (value: boolean) => {
      setOpen(value);
      sites?.setHidden(hostname, value).catch(() => {
        // Storage refused: the choice holds for this page view.
      });
    },
    [sites, hostname],
  );
  return [open, set];
}

/** `fn` at most once per `ms`, the last call of a burst still running at the end. */
function useThrottled(fn: () => void, ms: number, now: () => number): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const last = useRef(Number.NEGATIVE_INFINITY);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(() => {
    const wait = last.current + ms - now();
    if (wait <= 0) {
      last.current = now();
      latest.current();
      return;
    }
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = now();
      latest.current();
    }, wait);
  }, [ms, now]);
}

/** Signed out: look again when the viewer returns to the tab, and every few seconds meanwhile. */
function useRecheckWhenBack(
  win: PageWindow,
  active: boolean,
  signedOut: boolean,
  recheck: () => void,
) {
  useEffect(() => {
    if (!active) return;
    const onVisible = () => {
      if (win.document.visibilityState === "visible") recheck();
    };
    win.addEventListener("focus", recheck);
    win.document.addEventListener("visibilitychange", onVisible);
    const timer = signedOut
      ? win.setInterval(() => {
          if (win.document.visibilityState === "visible") recheck();
        }, SIGNED_OUT_RECHECK_MS)
      : null;
    return () => {
      win.removeEventListener("focus", recheck);
      win.document.removeEventListener("visibilitychange", onVisible);
      if (timer !== null) win.clearInterval(timer);
    };
  }, [win, active, signedOut, recheck]);
}

/**
 * Every spend (send, confirm, retry) asks the guard first; a refusal is shown instead of
 * sending. Without a guard (the component tests' page), the sender as it is.
 */
function useGuardedSender(
  sender: ReturnType<typeof useSender>,
  guard: SpendGuard | null,
  onRefuse: (reason: string | null) => void,
): ReturnType<typeof useSender> {
  return useMemo(() => {
    if (guard === null) return sender;
    const guarded =
      <A extends unknown[]>(action: (...args: A) => void) =>
      (...args: A) => {
        const reason = guard.refuse();
        onRefuse(reason);
        if (reason === null) action(...args);
      };
    return {
      ...sender,
      send: guarded(sender.send),
      confirm: guarded(sender.confirm),
      retry: guarded(sender.retry),
    };
  }, [sender, guard, onRefuse]);
}

/** The stickers among the viewer's cosmetics, as the tip form offers them. */
function ownedStickers(profile: OutputOf<"profile.get"> | null): OwnedSticker[] {
  return (profile?.owned ?? []).flatMap((item) =>
    item.kind === "sticker" && item.style
      ? [{ id: item.itemId, name: item.name, text: item.style }]
      : [],
  );
}
