// The OBS overlay's script, inlined into the page under its CSP nonce. No dependencies, no
// network but this API. Every text a viewer wrote (names, messages) is set with textContent, and
// the page's Trusted Types policy makes any HTML string sink throw.
(() => {
  const config = JSON.parse(document.getElementById("overlay-config").textContent);
  const gifts = new Map(config.gifts.map((gift) => [gift.id, gift]));
  const stage = document.getElementById("stage");
  const alerts = document.getElementById("alerts");
  const goalBox = document.getElementById("goal");
  const goalTitle = document.getElementById("goal-title");
  const goalNumbers = document.getElementById("goal-numbers");
  const goalFill = document.getElementById("goal-fill");
  const giftersBox = document.getElementById("top-gifters");
  const giftersList = document.getElementById("top-gifters-list");
  const numbers = new Intl.NumberFormat();

  /** How much longer than the set duration each kind of alert stays on screen. */
  const SHOW_FACTOR = {
    basic: 0.75,
    premium: 1,
    deluxe: 1.25,
    legendary: 1.5,
    tip: 1,
    message: 2,
  };
  /** The creator's settings (from the state read, then live from `settings` events). */
  let settings = {
    minAlertCoins: 0,
    alertSeconds: 6,
    sound: { enabled: false, volumePercent: 0 },
    fullScreenTiers: ["legendary"],
    showGoalBar: true,
    showTopGifters: true,
    colours: null,
  };
  const showMs = (tier) => settings.alertSeconds * 1000 * (SHOW_FACTOR[tier] || 1);
  let audio = null;
  const MAX_ALERTS = 5;
  const MAX_RECENT = 500;

  /** Where the event stream resumes (the server's cursor); null until the first state read. */
  let lastEventId = null;
  /** Event ids shown lately: an event a reconnect replays is not shown twice. */
  const shown = new Set();
  let source = null;
  let retryMs = 1000;
  let stateTimer = null;
  /** The goal as last announced, and the event id its progress was read at. */
  let goal = null;
  let goalSince = 0n;
  /** Coins of recent events: those after `goalSince` move the bar before the next goal event. */
  const recent = [];
  const combos = new Map();
  const leaveTimers = new WeakMap();

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function nameNode(name, style) {
    const node = element("span", "cs-name", name || "Someone");
    // CSSOM setters ignore anything that is not a colour; the frame only picks a CSS rule.
    if (style && typeof style.nameColor === "string") node.style.color = style.nameColor;
    if (style && typeof style.badgeFrame === "string") node.dataset.frame = style.badgeFrame;
    return node;
  }

  /**
   * The banner of a viewer's first gift of the session: their name, animated by the effect they
   * wear (a data attribute picks a CSS rule; an effect this page does not know gets the plain one).
   */
  function entranceNode(event) {
    const banner = element("div", "cs-entrance");
    banner.dataset.entrance = event.entrance;
    banner.append(
      element("span", "cs-entrance-mark"),
      nameNode(event.viewerName, event.viewerStyle),
      " makes an entrance",
    );
    return banner;
  }

  function restartAnimation(node, className) {
    node.classList.remove(className);
    void node.offsetWidth;
    node.classList.add(className);
  }

  function scheduleLeave(card, ms) {
    clearTimeout(leaveTimers.get(card));
    leaveTimers.set(
      card,
      setTimeout(() => {
        card.classList.add("leaving");
        card.addEventListener("animationend", (event) => {
          if (event.target === card) card.remove();
        });
        setTimeout(() => card.remove(), 1500);
      }, ms),
    );
  }

  function alertParts(event) {
    const coins = `${numbers.format(event.coins)} coins`;
    if (event.kind === "gift") {
      const gift = gifts.get(event.giftId);
      return {
        tier: gift ? gift.tier : "basic",
        icon: gift ? gift.icon : "🎁",
        verb: ` sent ${gift ? gift.name : "a gift"}`,
        detail: coins,
      };
    }
    if (event.kind === "tip") return { tier: "tip", icon: "🪙", verb: " tipped", detail: coins };
    return { tier: "message", icon: "💬", verb: "", detail: coins };
  }

  /** Applies settings at once: colours as CSS variables (CSSOM only takes colours), toggles. */
  function applySettings(next) {
    if (!next || typeof next !== "object") return;
    settings = next;
    const colours = next.colours || {};
    const root = document.documentElement.style;
    for (const [name, variable] of [
      ["highlight", "--gold"],
      ["accent", "--violet"],
      ["text", "--ink"],
      ["panel", "--panel"],
    ]) {
      if (typeof colours[name] === "string") root.setProperty(variable, colours[name]);
    }
    document.body.dataset.goalBar = next.showGoalBar ? "on" : "off";
    document.body.dataset.topGifters = next.showTopGifters ? "on" : "off";
  }

  /** A short chime made in the page (no audio file to fetch), at the set volume. */
  function chime(tier) {
    if (!settings.sound?.enabled || settings.sound.volumePercent <= 0) return;
    try {
      audio = audio || new AudioContext();
      const gain = audio.createGain();
      gain.gain.value = settings.sound.volumePercent / 100 / 4;
      gain.connect(audio.destination);
      const notes =
        tier === "legendary" ? [523, 659, 784, 1047] : tier === "deluxe" ? [523, 784] : [660];
      notes.forEach((frequency, index) => {
        const tone = audio.createOscillator();
        tone.frequency.value = frequency;
        tone.connect(gain);
        const start = audio.currentTime + index * 0.12;
        tone.start(start);
        tone.stop(start + 0.18);
      });
    } catch {
      // No audio output (a muted browser source): alerts still show.
    }
  }

  function showAlert(event) {
    const parts = alertParts(event);
    if (event.coins < settings.minAlertCoins) return;
    const combo = event.comboId ? combos.get(event.comboId) : undefined;
    if (combo?.card.isConnected && !combo.card.classList.contains("leaving")) {
      combo.counter.textContent = `x${event.comboCount}`;
      combo.counter.hidden = false;
      restartAnimation(combo.counter, "bump");
      scheduleLeave(combo.card, showMs(parts.tier));
      return;
    }

    const isFullScreen = settings.fullScreenTiers.includes(parts.tier);
    const classes = ["alert", `alert-${parts.tier}`];
    // The light sweeping across a deluxe card, as the gift bar draws it (stream-effects.css).
    if (parts.tier === "deluxe") classes.push("cs-shimmer");
    if (isFullScreen) classes.push("fullscreen");
    const card = element("article", classes.join(" "));
    card.dataset.kind = event.kind;
    if (event.test) card.dataset.test = "true";
    card.dataset.eventId = event.id;
    if (event.kind === "message") card.append(element("div", "label", "Paid message"));
    if (typeof event.entrance === "string") card.append(entranceNode(event));
    const headline = element("div", "headline");
    headline.append(nameNode(event.viewerName, event.viewerStyle), parts.verb);
    const counter = element("div", "combo", `x${event.comboCount}`);
    counter.hidden = !(event.comboCount > 1);
    card.append(element("div", "icon", parts.icon), headline, counter);
    card.append(element("div", "detail", parts.detail));
    if (event.sticker && typeof event.sticker.text === "string") {
      const sticker = element("div", "cs-sticker", event.sticker.text);
      sticker.dataset.sticker = String(event.sticker.id);
      card.append(sticker);
    }
    if (event.message) card.append(element("p", "text", event.message));

    if (event.test) card.append(element("div", "test-mark", "Test alert: no coins moved"));
    if (isFullScreen) {
      stage.append(card);
    } else {
      alerts.prepend(card);
      while (alerts.children.length > MAX_ALERTS) alerts.lastElementChild.remove();
    }
    if (event.comboId) {
      combos.set(event.comboId, { card, counter });
      if (combos.size > 50) combos.delete(combos.keys().next().value);
    }
    scheduleLeave(card, showMs(parts.tier));
    chime(parts.tier);
  }

  function renderGoal() {
    if (!goal) {
      goalBox.hidden = true;
      return;
    }
    let progress = goal.progressCoins;
    for (const seen of recent) if (seen.id > goalSince) progress += seen.coins;
    const reached = goal.reached || progress >= goal.targetCoins;
    goalTitle.textContent = goal.title || "Goal";
    goalNumbers.textContent = `${numbers.format(progress)} / ${numbers.format(goal.targetCoins)}`;
    goalFill.style.transform = `scaleX(${Math.min(1, progress / goal.targetCoins)})`;
    goalBox.classList.toggle("reached", reached);
    goalBox.dataset.since = String(goalSince);
    goalBox.hidden = false;
  }

  function renderGifters(gifters) {
    giftersList.replaceChildren(
      ...gifters.map((gifter) => {
        const item = element("li");
        item.append(
          nameNode(gifter.name, { nameColor: gifter.nameColor }),
          element("span", "coins", numbers.format(gifter.coins)),
        );
        return item;
      }),
    );
    giftersBox.hidden = gifters.length === 0;
  }

  /** Reads goal and top gifters; "gone" when the key no longer exists (rotated). */
  async function loadState() {
    const response = await fetch(config.stateUrl, { cache: "no-store" });
    if (response.status === 404) return "gone";
    if (!response.ok) throw new Error(`overlay state: ${response.status}`);
    const state = await response.json();
    // A read older than the last goal event would undo it.
    if (BigInt(state.lastEventId) >= goalSince) {
      goal = state.goal;
      goalSince = BigInt(state.lastEventId);
      renderGoal();
    }
    renderGifters(state.topGifters);
    applySettings(state.settings);
    return state;
  }

  function refreshStateSoon() {
    if (stateTimer) return;
    stateTimer = setTimeout(() => {
      stateTimer = null;
      loadState().catch(() => {});
    }, 1500);
  }

  function handle(event) {
    if (event.kind === "goal") {
      goal = event.goal ?? null;
      goalSince = BigInt(event.id);
      renderGoal();
      return;
    }
    // A combo's gifts in one batch arrive as one event naming the others in `merged`.
    const coins = event.coins * (1 + (Array.isArray(event.merged) ? event.merged.length : 0));
    recent.push({ id: BigInt(event.id), coins });
    if (recent.length > MAX_RECENT) recent.shift();
    renderGoal();
    showAlert(event);
    refreshStateSoon();
  }

  /** "connecting", "open" or "gone" (the key was rotated): for whoever sets the overlay up. */
  function setConnection(state) {
    document.body.dataset.connection = state;
  }

  function connect() {
    setConnection("connecting");
    const query = lastEventId === null ? "" : `?after=${encodeURIComponent(lastEventId)}`;
    source = new EventSource(`${config.eventsUrl}${query}`);
    source.onopen = () => {
      retryMs = 1000;
      setConnection("open");
    };
    source.onmessage = (message) => {
      lastEventId = message.lastEventId;
      const event = JSON.parse(message.data);
      if (shown.has(event.id)) return;
      shown.add(event.id);
      if (shown.size > MAX_RECENT) shown.delete(shown.values().next().value);
      handle(event);
    };
    // For this overlay only: new settings, and test alerts (never counted toward goal or gifters).
    source.addEventListener("settings", (message) => {
      applySettings(JSON.parse(message.data).settings);
    });
    source.addEventListener("test-alert", (message) => {
      showAlert(JSON.parse(message.data).event);
    });
    source.addEventListener("connected", (message) => {
      lastEventId = message.lastEventId;
    });
    // Too far behind to replay: start from now with fresh state.
    source.addEventListener("reset", (message) => {
      lastEventId = message.lastEventId;
      loadState().catch(() => {});
    });
    source.onerror = () => {
      // While CONNECTING the browser retries by itself, sending Last-Event-ID.
      setConnection("connecting");
      if (source.readyState !== EventSource.CLOSED) return;
      source.close();
      retryLater();
    };
  }

  function retryLater() {
    setTimeout(reconnect, retryMs);
    retryMs = Math.min(retryMs * 2, 30000);
  }

  async function reconnect() {
    try {
      if ((await loadState()) === "gone") return setConnection("gone");
    } catch {
      retryLater();
      return;
    }
    connect();
  }

  loadState().then(
    (state) => {
      if (state === "gone") return setConnection("gone");
      lastEventId = state.cursor;
      connect();
    },
    () => connect(),
  );
})();
