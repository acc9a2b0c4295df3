/** The Coinstream coin, drawn in CSS (no image to load into the page). */
export function CoinLogo() {
  return (
    <span className="cs-logo" aria-hidden="true">
      c
    </span>
  );
}
