import barCss from "data-text:./gift-bar.css";
import tokensCss from "data-text:../styles/tokens.css";
import effectsCss from "data-text:@coinstream/ui-styles/stream-effects.css";

/**
 * What each shadow root the gift bar renders in (the launcher, the inline bar) holds as its one
 * <style>: the tokens, the gift effects the OBS overlay draws too, then the bar's styles, as text
 * (Plasmo's `data-text:` import), so the page's styles never apply and the page never sees ours.
 */
export const GIFT_BAR_SHADOW_CSS = `${tokensCss}\n${effectsCss}\n${barCss}`;
