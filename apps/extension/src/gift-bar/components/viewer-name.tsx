import type { ViewerStyle } from "@coinstream/api";

/**
 * A viewer's name with the cosmetics they wear. Text only (React sets textContent); the colour
 * goes through the CSSOM, which ignores anything that is not a colour, and the frame only
 * picks a CSS rule.
 */
export function ViewerName({
  name,
  style,
}: {
  readonly name: string;
  readonly style?: ViewerStyle | null | undefined;
}) {
  return (
    <span
      className="cs-name"
      // Long names are cut short with an ellipsis; the whole name is here.
      title={name}
      style={style?.nameColor ? { color: style.nameColor } : undefined}
      data-frame={style?.badgeFrame ?? undefined}
    >
      {name}
    </span>
  );
}
