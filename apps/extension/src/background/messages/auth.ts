import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { AuthRequest, AuthResult } from "../../messaging/contract.ts";
import { handleAuthRequest } from "../auth-client.ts";
import { authDeps } from "../services.ts";

const handler: PlasmoMessaging.MessageHandler<AuthRequest, AuthResult> = async (req, res) => {
  res.send(await handleAuthRequest(req.body as AuthRequest, authDeps));
};

export default handler;
