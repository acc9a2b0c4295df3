/*
 * The welcome page, opened once when the extension is installed (background/welcome.ts):
 * Coinstream in three steps and the sign-in / sign-up forms. Not web-accessible: no page can
 * frame it.
 */
import "../styles/tokens.css";
import "../popup/popup.css";
import "../welcome/welcome.css";
import { sendMessage } from "../popup/send-message.ts";
import { WelcomeApp } from "../welcome/welcome-app.tsx";

export default function WelcomePage() {
  return <WelcomeApp send={sendMessage} />;
}
