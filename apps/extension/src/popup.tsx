import "./styles/tokens.css";
import "./popup/popup.css";
import { PopupApp } from "./popup/popup-app.tsx";
import { sendMessage } from "./popup/send-message.ts";

/** Plasmo's popup entry: the wallet, buying coins, activity and limits. */
export default function Popup() {
  return <PopupApp send={sendMessage} />;
}
