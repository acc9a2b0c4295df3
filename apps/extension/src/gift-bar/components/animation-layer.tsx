import { entranceMark } from "../../lib/entrance-marks.ts";
import { formatCoins, formatCount } from "../../lib/format.ts";
import type { StageRect } from "../hooks/use-player-rect.ts";
import type { AnimationItem, AnimationState } from "../lib/animation-queue.ts";
import { isTakeover } from "../lib/animation-queue.ts";
import { describeGoal } from "../lib/goal.ts";
import { ViewerName } from "./viewer-name.tsx";

/**
 * The live animations, over the player (or the viewport when no player is found). It never
 * takes clicks: the stream stays usable underneath. Text a viewer wrote is rendered as text.
 */
export function AnimationLayer({
  state,
  rect,
}: {
  readonly state: AnimationState;
  readonly rect: StageRect | null;
}) {
  const takeover = state.visible.find(isTakeover);
  const cards = state.visible.filter((item) => !isTakeover(item));
  const position = rect
    ? { top: rect.top, left: rect.left, width: rect.width, height: rect.height }
    : { top: 0, left: 0, width: "100vw", height: "100vh" };
  return (
    <div
      className="cs-stage"
      style={position}
      role="log"
      aria-live="off"
      aria-label="Gifts on this stream"
    >
      {takeover ? <Animation item={takeover} takeover /> : null}
      <div className="cs-cards">
        {cards.map((item) => (
          <Animation key={item.id} item={item} takeover={false} />
        ))}
      </div>
    </div>
  );
}

function Animation({
  item,
  takeover,
}: {
  readonly item: AnimationItem;
  readonly takeover: boolean;
}) {
  return (
    <div
      className={
        takeover ? "cs-takeover" : item.style === "banner" ? "cs-anim cs-shimmer" : "cs-anim"
      }
      data-testid="gift-animation"
      data-kind={item.kind}
      data-style={item.style}
      data-tier={item.tier ?? undefined}
      data-reduced-motion={item.reducedMotion}
      data-event-id={item.id}
    >
      {item.kind === "message" ? <div className="cs-anim-label">Paid message</div> : null}
      {item.entrance && item.kind === "gift" ? (
        <div
          className="cs-entrance"
          data-entrance={item.entrance}
          data-testid="gift-animation-entrance"
        >
          <span className="cs-entrance-mark" aria-hidden="true">
            {/* As text: the bundled stylesheet mangles emoji in `content`. */}
            {entranceMark(item.entrance)}
          </span>
          <ViewerName name={item.viewerName} style={item.viewerStyle} /> makes an entrance
        </div>
      ) : null}
      <div className="cs-anim-icon" aria-hidden="true">
        {item.icon}
      </div>
      <div className="cs-anim-headline">{headline(item)}</div>
      {item.comboCount > 1 ? (
        <div className="cs-anim-combo">
          {/* The key restarts the pop each time the combo continues. */}
          <span key={item.bumps} className={item.bumps > 0 ? "cs-bump" : undefined}>
            x{item.comboCount}
          </span>
        </div>
      ) : (
        <div />
      )}
      <div className="cs-anim-detail">{detail(item)}</div>
      {item.sticker ? (
        <div
          className="cs-sticker"
          data-sticker={item.sticker.id}
          data-testid="gift-animation-sticker"
        >
          {item.sticker.text}
        </div>
      ) : null}
      {item.message && item.kind !== "goal" ? <p className="cs-anim-text">{item.message}</p> : null}
    </div>
  );
}

function headline(item: AnimationItem) {
  switch (item.kind) {
    case "gift":
      return (
        <>
          <ViewerName name={item.viewerName} style={item.viewerStyle} /> sent {item.giftName}
        </>
      );
    case "tip":
      return (
        <>
          <ViewerName name={item.viewerName} style={item.viewerStyle} /> tipped
        </>
      );
    case "message":
      return <ViewerName name={item.viewerName} style={item.viewerStyle} />;
    case "goal":
      return <>Goal reached{item.message ? `: ${item.message}` : "!"}</>;
  }
}

function detail(item: AnimationItem): string {
  if (item.kind === "goal") return item.goal ? describeGoal(item.goal) : "";
  return item.kind === "gift" && item.count > 1
    ? `${formatCount(item.count)} at once · ${formatCoins(item.coins)}`
    : formatCoins(item.coins);
}
