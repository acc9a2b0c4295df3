/*
 * The gift bar's styles, whole: they go into each shadow root the bar renders in (Plasmo's
 * overlay and the inline slot next to a site's anchor), so nothing from the page reaches in
 * and nothing leaks out. A plain string, so tests and every bundler read it the same way.
 */
export const GIFT_BAR_CSS = `
:host {
  all: initial;
}

.cs-root, .cs-root * {
  box-sizing: border-box;
}

.cs-root {
  --cs-surface: #17151f;
  --cs-surface-2: #221f2d;
  --cs-surface-3: #2e2a3b;
  --cs-line: #3a3549;
  --cs-ink: #f4f2ff;
  --cs-muted: #b3adc6;
  --cs-gold: #f7c948;
  --cs-gold-ink: #241a00;
  --cs-violet: #a77bff;
  --cs-pink: #ff5fa2;
  --cs-mint: #3ee6b0;
  --cs-danger: #ff8a8a;
  --cs-focus: 0 0 0 2px #17151f, 0 0 0 4px #f7c948;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  font-size: 13px;
  line-height: 1.4;
  color: var(--cs-ink);
  -webkit-font-smoothing: antialiased;
}

/* Resets without weight: any class below wins over them. */
:where(.cs-root) :where(button, input, textarea) {
  font: inherit;
  color: inherit;
}

:where(.cs-root) :where(button) {
  cursor: pointer;
}

:where(.cs-root) :where(button:disabled) {
  cursor: not-allowed;
}

.cs-root :focus-visible {
  outline: none;
  box-shadow: var(--cs-focus);
}

.cs-fieldset {
  border: 0;
  margin: 0;
  padding: 0;
  min-width: 0;
}

.cs-legend {
  float: left;
  padding: 0;
  margin-right: 2px;
}

.cs-visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}

/* Placement: floating at the bottom right, or in the site's layout. */
.cs-floating {
  position: fixed;
  right: 16px;
  bottom: 16px;
  z-index: 2147483646;
  max-width: calc(100vw - 32px);
}

.cs-inline {
  display: block;
  width: 100%;
  margin: 6px 0;
}

/* The bar. */
.cs-bar {
  width: 360px;
  max-width: 100%;
  background: var(--cs-surface);
  border: 1px solid var(--cs-line);
  border-radius: 14px;
  box-shadow: 0 12px 32px rgba(0, 0, 0, 0.45);
  overflow: hidden;
  position: relative;
}

.cs-inline .cs-bar {
  width: 100%;
  box-shadow: none;
}

.cs-header {
  display: flex;
  align-items: center;
  gap: 8px;
  padding: 8px 10px 8px 12px;
  border-bottom: 1px solid var(--cs-line);
}

.cs-logo {
  width: 20px;
  height: 20px;
  flex: none;
  border-radius: 50%;
  display: grid;
  place-items: center;
  background: radial-gradient(circle at 35% 30%, #ffe58a, var(--cs-gold) 60%, #c99a1b);
  color: var(--cs-gold-ink);
  font-weight: 800;
  font-size: 12px;
}

.cs-title {
  flex: 1;
  min-width: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  font-weight: 600;
}

.cs-title .cs-handle {
  color: var(--cs-muted);
  font-weight: 500;
}

.cs-balance {
  display: inline-flex;
  align-items: center;
  gap: 4px;
  padding: 2px 8px;
  border-radius: 999px;
  background: var(--cs-surface-2);
  font-variant-numeric: tabular-nums;
  font-weight: 600;
  white-space: nowrap;
}

.cs-icon-button {
  width: 28px;
  height: 28px;
  flex: none;
  display: grid;
  place-items: center;
  border: 0;
  border-radius: 8px;
  background: transparent;
  color: var(--cs-muted);
  font-size: 15px;
  line-height: 1;
}

.cs-icon-button:hover {
  background: var(--cs-surface-2);
  color: var(--cs-ink);
}

.cs-body {
  padding: 10px 12px 12px;
  display: grid;
  gap: 10px;
}

.cs-tabs {
  display: grid;
  grid-template-columns: 1fr 1fr;
  gap: 4px;
  padding: 3px;
  border-radius: 10px;
  background: var(--cs-surface-2);
}

.cs-tab {
  border: 0;
  border-radius: 8px;
  padding: 5px 8px;
  background: transparent;
  color: var(--cs-muted);
  font-weight: 600;
}

.cs-tab[aria-selected="true"] {
  background: var(--cs-surface-3);
  color: var(--cs-ink);
}

/* Gifts. */
.cs-gifts {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(72px, 1fr));
  gap: 6px;
  max-height: 168px;
  overflow-y: auto;
  padding: 2px;
  margin: -2px;
}

.cs-gift {
  display: grid;
  justify-items: center;
  gap: 1px;
  padding: 6px 4px 5px;
  border: 1px solid transparent;
  border-radius: 10px;
  background: var(--cs-surface-2);
  position: relative;
}

.cs-gift:hover {
  background: var(--cs-surface-3);
}

.cs-gift[aria-pressed="true"] {
  border-color: var(--cs-gold);
  background: var(--cs-surface-3);
}

/* Selected is a gold border and a tick; focused is the ring: the two never look alike. */
.cs-gift[aria-pressed="true"]::after {
  content: "✓";
  position: absolute;
  top: 2px;
  right: 5px;
  font-size: 10px;
  color: var(--cs-gold);
}

.cs-gift:focus-visible {
  box-shadow: 0 0 0 2px var(--cs-surface), 0 0 0 4px var(--cs-ink);
}

/* Beyond the balance: greyed, with what is missing instead of the price. */
.cs-gift-short .cs-gift-icon,
.cs-gift-short .cs-gift-name {
  opacity: 0.45;
}

.cs-gift-short .cs-gift-price {
  color: var(--cs-muted);
  font-size: 10px;
}

.cs-gift-icon {
  font-size: 22px;
  line-height: 1.2;
}

.cs-gift-name {
  font-size: 11px;
  max-width: 100%;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}

.cs-gift-price {
  font-size: 11px;
  color: var(--cs-gold);
  font-variant-numeric: tabular-nums;
}

.cs-gift[data-tier="premium"] .cs-gift-icon { filter: drop-shadow(0 0 4px rgba(167, 123, 255, 0.7)); }
.cs-gift[data-tier="deluxe"] .cs-gift-icon { filter: drop-shadow(0 0 5px rgba(255, 95, 162, 0.75)); }
.cs-gift[data-tier="legendary"] .cs-gift-icon { filter: drop-shadow(0 0 6px rgba(247, 201, 72, 0.9)); }

.cs-counts {
  display: flex;
  align-items: center;
  gap: 6px;
  flex-wrap: wrap;
}

.cs-label {
  color: var(--cs-muted);
  font-size: 12px;
}

.cs-chip {
  min-width: 34px;
  padding: 3px 8px;
  border: 1px solid var(--cs-line);
  border-radius: 999px;
  background: transparent;
  font-variant-numeric: tabular-nums;
}

.cs-chip[aria-pressed="true"] {
  border-color: var(--cs-gold);
  background: rgba(247, 201, 72, 0.14);
  color: var(--cs-gold);
}

.cs-input {
  border: 1px solid var(--cs-line);
  border-radius: 8px;
  background: var(--cs-surface-2);
  padding: 5px 8px;
  min-width: 0;
}

.cs-input:focus-visible {
  border-color: var(--cs-gold);
}

.cs-count-input {
  width: 64px;
}

.cs-preview {
  color: var(--cs-muted);
  font-size: 12px;
  min-height: 17px;
}

.cs-preview strong {
  color: var(--cs-ink);
  font-weight: 600;
}

.cs-send-row {
  display: flex;
  align-items: center;
  gap: 8px;
}

.cs-primary {
  flex: 1;
  border: 0;
  border-radius: 10px;
  padding: 9px 12px;
  background: var(--cs-gold);
  color: var(--cs-gold-ink);
  font-weight: 700;
  position: relative;
  overflow: hidden;
}

.cs-primary:hover:not(:disabled) {
  background: #ffd867;
}

.cs-primary:disabled {
  background: var(--cs-surface-3);
  color: var(--cs-muted);
}

.cs-combo-ring {
  position: absolute;
  left: 0;
  bottom: 0;
  height: 3px;
  background: var(--cs-gold-ink);
  opacity: 0.35;
  transform-origin: left;
}

.cs-combo {
  font-weight: 900;
  color: var(--cs-gold);
  font-variant-numeric: tabular-nums;
  font-size: 16px;
  min-width: 36px;
  text-align: right;
}

.cs-secondary {
  border: 1px solid var(--cs-line);
  border-radius: 10px;
  padding: 7px 12px;
  background: transparent;
  font-weight: 600;
}

.cs-secondary:hover {
  background: var(--cs-surface-2);
}

.cs-tip {
  display: grid;
  gap: 8px;
}

.cs-tip-row {
  display: flex;
  gap: 8px;
  align-items: center;
}

.cs-tip-coins {
  width: 110px;
}

.cs-tip-message {
  width: 100%;
  resize: vertical;
  min-height: 54px;
  max-height: 120px;
}

.cs-counter {
  color: var(--cs-muted);
  font-size: 11px;
  text-align: right;
}

.cs-hint {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  justify-content: space-between;
  gap: 6px;
  padding: 8px 10px;
  border-radius: 10px;
  background: rgba(167, 123, 255, 0.12);
  border: 1px solid rgba(167, 123, 255, 0.35);
  font-size: 12px;
}

/* Status: sending, sent, refused. */
.cs-status {
  font-size: 12px;
  min-height: 17px;
  color: var(--cs-muted);
}

.cs-status[data-state="sent"] {
  color: var(--cs-mint);
}

.cs-error {
  display: grid;
  gap: 4px;
  padding: 8px 10px;
  border-radius: 10px;
  background: rgba(255, 138, 138, 0.1);
  border: 1px solid rgba(255, 138, 138, 0.35);
  font-size: 12px;
}

.cs-error-title {
  color: var(--cs-danger);
  font-weight: 700;
}

.cs-error-actions {
  display: flex;
  gap: 8px;
  margin-top: 2px;
}

.cs-report {
  display: grid;
  gap: 6px;
  margin-top: 8px;
}

.cs-report select,
.cs-report textarea {
  color: var(--cs-ink);
  font: inherit;
}

.cs-report-open {
  justify-self: start;
  margin-top: 8px;
  color: var(--cs-muted);
  opacity: 0.8;
}

.cs-link {
  border: 0;
  padding: 0;
  background: none;
  color: var(--cs-gold);
  text-decoration: underline;
  font-size: 12px;
}

/* Goal and top gifters. */
.cs-goal {
  display: grid;
  gap: 4px;
}

.cs-goal-head {
  display: flex;
  justify-content: space-between;
  gap: 8px;
  font-size: 12px;
}

.cs-goal-title {
  font-weight: 600;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}

.cs-goal-numbers {
  color: var(--cs-muted);
  font-variant-numeric: tabular-nums;
  white-space: nowrap;
}

.cs-meter {
  height: 6px;
  border-radius: 999px;
  background: var(--cs-surface-3);
  overflow: hidden;
}

.cs-meter-fill {
  height: 100%;
  background: linear-gradient(90deg, var(--cs-violet), var(--cs-pink));
  border-radius: inherit;
  transition: width 0.6s ease;
}

.cs-goal[data-reached="true"] .cs-meter-fill {
  background: linear-gradient(90deg, var(--cs-gold), var(--cs-mint));
}

.cs-gifters {
  border-top: 1px solid var(--cs-line);
  padding-top: 8px;
}

.cs-gifters summary {
  cursor: pointer;
  color: var(--cs-muted);
  font-size: 12px;
  list-style: none;
}

.cs-gifters summary::-webkit-details-marker {
  display: none;
}

.cs-gifters ol {
  margin: 6px 0 0;
  padding: 0;
  list-style: none;
  display: grid;
  gap: 3px;
}

.cs-gifter {
  display: flex;
  gap: 8px;
  font-size: 12px;
}

.cs-gifter-rank {
  width: 18px;
  color: var(--cs-muted);
  font-variant-numeric: tabular-nums;
}

.cs-gifter-name {
  flex: 1;
  min-width: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}

.cs-gifters summary {
  display: list-item;
  min-width: 0;
  white-space: nowrap;
  overflow: hidden;
  text-overflow: ellipsis;
}

.cs-live {
  display: inline-flex;
  align-items: center;
  gap: 4px;
  font-size: 11px;
  color: var(--cs-muted);
}

.cs-live::before {
  content: "";
  width: 7px;
  height: 7px;
  border-radius: 50%;
  background: var(--cs-muted);
}

.cs-live[data-live="true"] {
  color: var(--cs-ink);
}

.cs-live[data-live="true"]::before {
  background: #ff4d4d;
}

.cs-title {
  min-width: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}

.cs-gifter-coins {
  color: var(--cs-gold);
  font-variant-numeric: tabular-nums;
}

.cs-name {
  font-weight: 700;
}

.cs-name[data-frame] {
  padding: 0 4px;
  border-radius: 4px;
  border: 1px solid transparent;
}

.cs-name[data-frame="silver"] { border-color: #c9d1d9; }
.cs-name[data-frame="gold"] { border-color: var(--cs-gold); }
.cs-name[data-frame="neon"] { border-color: var(--cs-mint); box-shadow: 0 0 6px var(--cs-mint); }

/* Confirmation, over the bar. */
.cs-dialog-backdrop {
  position: absolute;
  inset: 0;
  z-index: 2;
  display: grid;
  place-items: center;
  padding: 12px;
  background: rgba(10, 8, 16, 0.78);
}

.cs-dialog {
  width: 100%;
  display: grid;
  gap: 10px;
  padding: 14px;
  border-radius: 12px;
  background: var(--cs-surface-2);
  border: 1px solid var(--cs-line);
}

.cs-dialog h2 {
  margin: 0;
  font-size: 15px;
}

.cs-dialog p {
  margin: 0;
  color: var(--cs-muted);
}

.cs-dialog-actions {
  display: flex;
  gap: 8px;
  justify-content: flex-end;
}

.cs-dialog-actions .cs-primary {
  flex: none;
}

/* The small states: not joined, hidden, collapsed. */
.cs-coin-chip {
  display: inline-flex;
  align-items: center;
  gap: 6px;
  padding: 4px;
  border: 1px solid var(--cs-line);
  border-radius: 999px;
  background: var(--cs-surface);
  color: var(--cs-muted);
  opacity: 0.6;
  transition: opacity 0.2s ease;
}

.cs-coin-chip:hover, .cs-coin-chip:focus-visible, .cs-coin-chip[aria-expanded="true"] {
  opacity: 1;
}

.cs-coin-chip .cs-logo {
  filter: grayscale(0.7);
}

.cs-chip-note {
  padding-right: 8px;
  font-size: 12px;
  max-width: 260px;
}

.cs-show-tab {
  display: inline-grid;
  place-items: center;
  width: 26px;
  height: 26px;
  border: 1px solid var(--cs-line);
  border-radius: 50%;
  background: var(--cs-surface);
  opacity: 0.55;
  padding: 0;
}

.cs-show-tab:hover, .cs-show-tab:focus-visible {
  opacity: 1;
}

.cs-pill {
  display: inline-flex;
  align-items: center;
  gap: 8px;
  padding: 6px 12px 6px 6px;
  border: 1px solid var(--cs-line);
  border-radius: 999px;
  background: var(--cs-surface);
  box-shadow: 0 8px 24px rgba(0, 0, 0, 0.4);
  font-weight: 600;
}

/* Live animations over the player. */
.cs-stage {
  position: fixed;
  z-index: 2147483645;
  pointer-events: none;
  overflow: hidden;
}

.cs-cards {
  position: absolute;
  left: 12px;
  bottom: 12px;
  width: min(340px, calc(100% - 24px));
  display: flex;
  flex-direction: column-reverse;
  gap: 8px;
}

.cs-anim {
  position: relative;
  display: grid;
  grid-template-columns: auto 1fr auto;
  align-items: center;
  gap: 2px 10px;
  padding: 8px 12px;
  border-radius: 12px;
  background: rgba(18, 16, 26, 0.86);
  color: #fff;
  box-shadow: 0 6px 18px rgba(0, 0, 0, 0.45);
  overflow: hidden;
  text-shadow: 0 1px 2px rgba(0, 0, 0, 0.5);
}

.cs-anim-icon {
  grid-row: span 2;
  font-size: 28px;
  line-height: 1;
}

.cs-anim-headline {
  font-weight: 700;
  overflow-wrap: anywhere;
}

.cs-anim-detail {
  grid-column: 2 / 4;
  font-size: 12px;
  color: #e2ddf2;
}

.cs-anim-text {
  grid-column: 1 / 4;
  margin: 4px 0 0;
  font-size: 13px;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}

.cs-anim-combo {
  font-size: 20px;
  font-weight: 900;
  color: var(--cs-gold);
  font-variant-numeric: tabular-nums;
}

.cs-anim-label {
  grid-column: 1 / 4;
  font-size: 11px;
  text-transform: uppercase;
  letter-spacing: 0.06em;
  color: var(--cs-gold);
}

.cs-anim[data-style="float"] {
  animation: cs-float-in 0.45s ease-out both;
}

.cs-anim[data-style="burst"] {
  border: 2px solid var(--cs-violet);
  animation: cs-burst-in 0.6s cubic-bezier(0.2, 1.6, 0.4, 1) both;
}

.cs-anim[data-style="burst"]::after {
  content: "";
  position: absolute;
  inset: 0;
  border-radius: inherit;
  border: 3px solid var(--cs-violet);
  animation: cs-ring 0.9s ease-out both;
}

.cs-anim[data-style="banner"] {
  background: linear-gradient(100deg, rgba(140, 82, 255, 0.94), rgba(255, 79, 154, 0.94));
  animation: cs-banner-in 0.7s cubic-bezier(0.2, 0.9, 0.3, 1.1) both;
}

.cs-anim[data-style="banner"]::before {
  content: "";
  position: absolute;
  inset: 0;
  background: linear-gradient(100deg, transparent 30%, rgba(255, 255, 255, 0.4) 50%, transparent 70%);
  transform: translateX(-100%);
  animation: cs-shimmer 1.8s ease-in-out 0.5s infinite;
}

.cs-anim[data-style="tip"] {
  border: 2px solid var(--cs-gold);
  animation: cs-float-in 0.45s ease-out both;
}

.cs-anim[data-style="message"] {
  border: 2px solid var(--cs-mint);
  animation: cs-float-in 0.45s ease-out both;
}

.cs-anim[data-style="goal"] {
  background: linear-gradient(100deg, rgba(247, 201, 72, 0.95), rgba(62, 230, 176, 0.95));
  color: #1b1400;
  text-shadow: none;
  animation: cs-burst-in 0.6s ease-out both;
}

.cs-anim[data-style="goal"] .cs-anim-detail {
  color: #2a2200;
}

/* A full-screen gift takes over the player. */
.cs-takeover {
  position: absolute;
  inset: 0;
  display: grid;
  grid-template-columns: 1fr;
  place-items: center;
  align-content: center;
  gap: 8px;
  text-align: center;
  color: #fff;
  text-shadow: 0 2px 6px rgba(0, 0, 0, 0.6);
  background: radial-gradient(circle, rgba(247, 201, 72, 0.35), rgba(10, 5, 30, 0.6) 60%, transparent 85%);
  animation: cs-takeover-in 0.9s ease-out both;
}

.cs-takeover > * {
  grid-column: 1;
  grid-row: auto;
}

.cs-takeover .cs-anim-icon {
  font-size: min(28vmin, 160px);
  animation: cs-hero 2.4s ease-in-out 0.9s infinite alternate;
}

.cs-takeover .cs-anim-headline {
  font-size: 22px;
}

.cs-takeover .cs-anim-combo {
  font-size: 34px;
}

.cs-bump {
  display: inline-block;
  animation: cs-bump 0.45s ease-out;
}

/* Reduced motion: a fade, nothing moves. */
.cs-anim[data-reduced-motion="true"],
.cs-anim[data-reduced-motion="true"]::before,
.cs-anim[data-reduced-motion="true"]::after,
.cs-anim[data-reduced-motion="true"] * {
  animation: none !important;
  transition: none !important;
}

.cs-anim[data-reduced-motion="true"] {
  animation: cs-fade-in 0.3s linear both !important;
}

.cs-anim[data-reduced-motion="true"]::before,
.cs-anim[data-reduced-motion="true"]::after {
  content: none;
}

.cs-anim[data-reduced-motion="true"][data-style="fullscreen"] {
  border: 2px solid var(--cs-gold);
}

@media (prefers-reduced-motion: reduce) {
  .cs-root *, .cs-root *::before, .cs-root *::after {
    animation-duration: 0.01ms !important;
    animation-iteration-count: 1 !important;
    transition-duration: 0.01ms !important;
  }
}

.cs-launcher {
  position: fixed;
  inset: auto;
  z-index: 2147483646;
}

/* The docked (or floating) coin: fixed over the page by the chat input, never in its layout. */
.cs-launch-button {
  position: fixed;
  right: 16px;
  bottom: 16px;
  width: 36px;
  height: 36px;
  display: grid;
  place-items: center;
  padding: 0;
  border: 1px solid var(--cs-line);
  border-radius: 50%;
  background: var(--cs-surface);
  box-shadow: 0 4px 12px rgba(0, 0, 0, 0.35);
}

.cs-launcher-open .cs-launch-button {
  border-color: var(--cs-gold);
}

/* The popover panel: its box comes from the dock's layout (a third of the chat at most). */
.cs-panel-frame {
  position: fixed;
  right: 8px;
  bottom: 60px;
  display: block;
  width: min(380px, calc(100vw - 16px));
  height: min(520px, calc(100vh - 76px));
  border: 0;
  border-radius: 14px;
  background: transparent;
  color-scheme: normal;
}

/* Nothing may paint over the panel, not even a shadow: the browser would count it as covered. */
.cs-launcher-open .cs-launch-button {
  box-shadow: none;
}

.cs-panel {
  height: 100vh;
  display: flex;
  flex-direction: column;
}

.cs-panel .cs-bar {
  flex: 1;
  min-height: 0;
  display: flex;
  flex-direction: column;
}

.cs-panel .cs-bar > .cs-body {
  flex: 1;
  min-height: 0;
  overflow-y: auto;
  overscroll-behavior: contain;
}

/* A short popover (a third of the chat) still shows Send: it sticks to the bottom. */
.cs-panel .cs-send-row {
  position: sticky;
  bottom: -12px;
  z-index: 1;
  margin: 0 -12px -12px;
  padding: 8px 12px 12px;
  background: var(--cs-surface);
  border-top: 1px solid var(--cs-line);
}

.cs-panel .cs-tab {
  white-space: nowrap;
  overflow: hidden;
  text-overflow: ellipsis;
}

.cs-panel .cs-bar {
  width: 100%;
  max-width: none;
}

@keyframes cs-fade-in { from { opacity: 0; } to { opacity: 1; } }
@keyframes cs-float-in { from { opacity: 0; transform: translateY(24px); } to { opacity: 1; transform: none; } }
@keyframes cs-burst-in { 0% { opacity: 0; transform: scale(0.6); } 100% { opacity: 1; transform: none; } }
@keyframes cs-ring { from { opacity: 0.9; transform: scale(1); } to { opacity: 0; transform: scale(1.3); } }
@keyframes cs-banner-in { from { opacity: 0; transform: translateX(-110%); } to { opacity: 1; transform: none; } }
@keyframes cs-shimmer { to { transform: translateX(100%); } }
@keyframes cs-takeover-in { from { opacity: 0; transform: scale(1.15); } to { opacity: 1; transform: none; } }
@keyframes cs-hero { from { transform: translateY(0) rotate(-3deg); } to { transform: translateY(-12px) rotate(3deg); } }
@keyframes cs-combo-drain { from { transform: scaleX(1); } to { transform: scaleX(0); } }
@keyframes cs-bump { 0% { transform: scale(1); } 40% { transform: scale(1.5); } 100% { transform: scale(1); } }
`;
