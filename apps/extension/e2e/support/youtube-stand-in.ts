import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type StandInSite, standInDocument, startStandIn } from "./stand-in-site.ts";

/** A throwaway self-signed certificate for www.youtube.com (youtube.com is HSTS preloaded). */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "coinstream-e2e-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=www.youtube.com",
      ].concat(["-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")]),
      { stdio: "ignore" },
    );
    return {
      key: readFileSync(join(dir, "key.pem"), "utf8"),
      cert: readFileSync(join(dir, "cert.pem"), "utf8"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A local https server answering for www.youtube.com: `/watch?v=ID` gets a live watch page with
 * YouTube's landmarks (player, `ytd-watch-metadata` with the title and the owner link to
 * `/@OWNER`, and the live chat frame in the secondary column). Narrower than 1000 px the
 * secondary column goes under the title, as on YouTube.
 */
export function startYoutubeStandIn(owner: string): Promise<StandInSite> {
  return startStandIn((path) => {
    const videoId = /^\/watch\?v=([A-Za-z0-9_-]{11})$/.exec(path)?.[1];
    return videoId ? watchPage(videoId, owner) : null;
  }, selfSignedCertificate());
}

function watchPage(videoId: string, owner: string): string {
  const lines = Array.from(
    { length: 30 },
    (_, i) => `<p style="margin: 4px 12px"><b>fan${i}</b> live chat message ${i}</p>`,
  ).join("");
  return standInDocument({
    title: `Live with ${owner} - YouTube`,
    head: `<style>
      body { margin: 0; font-family: sans-serif; background: #0f0f0f; color: #f1f1f1 }
      ytd-watch-flexy, ytd-watch-metadata, ytd-video-owner-renderer, ytd-live-chat-frame { display: block }
      #columns { display: flex; gap: 24px; padding: 24px 24px 0 }
      #primary { flex: 1; min-width: 0 }
      #secondary { width: 400px; flex: none }
      #movie_player { aspect-ratio: 16 / 9; background: #333 }
      ytd-live-chat-frame#chat { height: 600px; display: flex; flex-direction: column; border: 1px solid #333; border-radius: 12px; overflow: hidden }
      .chat-items { flex: 1; min-height: 0; overflow: hidden; display: flex; flex-direction: column; justify-content: flex-end }
      .chat-input-row { height: 64px; border-top: 1px solid #333; padding: 12px; box-sizing: border-box }
      @media (max-width: 999px) {
        #columns { flex-direction: column; padding: 0; gap: 8px }
        #secondary { width: 100% }
        ytd-watch-metadata { padding: 0 12px }
      }
    </style>`,
    body: `<body>
    <ytd-watch-flexy video-id="${videoId}">
      <div id="columns">
        <div id="primary">
          <div id="movie_player" class="html5-video-player"></div>
          <ytd-watch-metadata>
            <h1 id="video-title">Live with ${owner}: late-night build stream</h1>
            <ytd-video-owner-renderer><a href="/@${owner}">${owner}</a></ytd-video-owner-renderer>
          </ytd-watch-metadata>
        </div>
        <div id="secondary">
          <ytd-live-chat-frame id="chat">
            <div class="chat-items">${lines}</div>
            <div class="chat-input-row">Say something…</div>
          </ytd-live-chat-frame>
        </div>
      </div>
    </ytd-watch-flexy>
  </body>`,
  });
}
