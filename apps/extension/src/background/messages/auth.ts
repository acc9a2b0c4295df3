import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { AuthRequest, AuthResult } from "../../messaging/contract.ts";
import { identifyCaller, mayAuth } from "../access.ts";
import { handleAuthRequest } from "../auth-client.ts";
import { authDeps } from "../services.ts";

const handler: PlasmoMessaging.MessageHandler<AuthRequest, AuthResult> = async (req, res) => {
  const body = req.body as AuthRequest;
  if (
    !mayAuth(
      identifyCaller(req.sender ?? {}, chrome.runtime.id, chrome.runtime.getURL("")),
      body?.action,
    )
  ) {
    res.send({
      ok: false,
      error: {
        code: "FORBIDDEN",
        domainCode: null,
        message: "Sign in and out from the Coinstream popup or dashboard.",
        details: {},
        fieldErrors: {},
      },
    });
    return;
  }
  res.send(await handleAuthRequest(body, authDeps));
};

export default handler;
