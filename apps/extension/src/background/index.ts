/*
 * The background service worker: the only part of the extension that talks to the API and holds
 * the session. Plasmo wires the handlers in ./messages (api, auth, open-tab) and ./ports (stream)
 * to @plasmohq/messaging; pages reach them with sendToBackground and getPort.
 */
export {};
