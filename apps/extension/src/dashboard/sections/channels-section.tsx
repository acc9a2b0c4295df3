import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useReload, useTRPC } from "../../lib/api-query.tsx";
import { BusyButton } from "../../lib/busy-button.tsx";
import { formatCount, formatDate, parseWholeNumber } from "../../lib/format.ts";
import type { OutputOf } from "../../messaging/contract.ts";
import { useApi } from "../api-context.tsx";
import { ConfirmButton } from "../components/confirm-button.tsx";
import { CopyButton } from "../components/copy-button.tsx";
import { ErrorNote, fieldError } from "../components/error-note.tsx";
import { QueryView } from "../components/query-view.tsx";
import { Panel, Section } from "../components/section.tsx";
import { Segmented } from "../components/segmented.tsx";
import { TextField, WholeNumberField } from "../components/text-field.tsx";
import { useAction } from "../hooks/use-action.ts";
import type { SectionProps } from "../types.ts";

type Channel = OutputOf<"channels.list">[number];
type Verified = OutputOf<"channels.verify">;
type VerifyMethod = "bio" | "well_known" | "meta_tag";

const PLATFORM_NAMES: Readonly<Record<string, string>> = {
  twitch: "Twitch",
  youtube: "YouTube",
  tiktok: "TikTok",
  kick: "Kick",
  web: "Website",
};

const METHOD_NAMES: Readonly<Record<string, string>> = {
  bio: "code in the channel's bio",
  well_known: "/.well-known/coinstream.json",
  meta_tag: "meta tags on the home page",
  seed: "set up by Coinstream",
};

const CHANNEL_KINDS = [
  { value: "url", label: "Stream channel" },
  { value: "website", label: "Website" },
] as const;

function AddChannelForm({ onAdded }: { onAdded: () => void }) {
  const api = useApi();
  const [kind, setKind] = useState<"url" | "website">("url");
  const [address, setAddress] = useState("");
  const add = useAction((input: { url: string } | { website: string }) =>
    api.channels.add.mutate(input),
  );
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = address.trim();
    const added = await add.run(kind === "url" ? { url: text } : { website: text });
    if (added) {
      setAddress("");
      onAdded();
    }
  }

  return (
    <form onSubmit={submit} className="stack" noValidate>
      <Segmented
        legend="What are you linking?"
        name="channel-kind"
        options={CHANNEL_KINDS}
        value={kind}
        onChange={setKind}
      />
      <TextField
        label={kind === "url" ? "Channel address" : "Website address"}
        hint={
          kind === "url"
            ? "Your channel page on Twitch, YouTube, TikTok or Kick, e.g. https://www.twitch.tv/yourname (not a single video)."
            : "Your site's https address, e.g. https://example.com. Its pages can then declare you with a meta tag."
        }
        type="url"
        inputMode="url"
        spellCheck={false}
        autoComplete="off"
        value={address}
        onChange={(event) => setAddress(event.target.value)}
        error={fieldError(add.error, kind)}
        aria-describedby={add.error ? errorId : undefined}
      />
      <ErrorNote error={add.error} id={errorId} />
      {add.result?.notice && (
        <p className="notice" role="status">
          {add.result.notice}
        </p>
      )}
      {add.result && !add.result.created && !add.result.notice && (
        <p className="muted" role="status">
          You had already added this one; its code is below.
        </p>
      )}
      <div>
        <BusyButton
          className="button primary"
          busy={add.pending}
          busyLabel="Adding…"
          disabled={address.trim().length < 3}
        >
          Add and get a code
        </BusyButton>
      </div>
    </form>
  );
}

function VerifyControls({
  channel,
  onVerified,
}: {
  channel: Channel;
  onVerified: (result: Verified) => void;
}) {
  const api = useApi();
  const [method, setMethod] = useState<VerifyMethod | "any">("any");
  const verify = useAction((chosen: VerifyMethod | "any") =>
    api.channels.verify.mutate({
      channelId: channel.id,
      ...(chosen === "any" ? {} : { method: chosen }),
    }),
  );
  const resultId = useId();
  const codeId = useId();
  const isWeb = channel.platform === "web";

  return (
    <div className="verify">
      {channel.code && (
        <div className="code-row">
          <span className="muted small" id={codeId}>
            Verification code
          </span>
          <code className="code">{channel.code}</code>
          <CopyButton text={channel.code} label="Copy code" describedBy={codeId} />
        </div>
      )}
      {channel.instructions && <p className="instructions">{channel.instructions}</p>}
      <div className="row">
        {isWeb && (
          <label className="inline-field">
            <span>Check</span>
            <select
              value={method}
              onChange={(event) => setMethod(event.target.value as VerifyMethod | "any")}
            >
              <option value="any">the file, then the meta tags</option>
              <option value="well_known">only /.well-known/coinstream.json</option>
              <option value="meta_tag">only the meta tags</option>
            </select>
          </label>
        )}
        <BusyButton
          type="button"
          className="button primary"
          busy={verify.pending}
          busyLabel="Checking…"
          aria-describedby={verify.error ? resultId : undefined}
          onClick={async () => {
            const result = await verify.run(method);
            if (result) onVerified(result);
          }}
        >
          Verify
        </BusyButton>
      </div>
      <ErrorNote error={verify.error} id={resultId} />
    </div>
  );
}

function FollowersForm({ channel, onChanged }: { channel: Channel; onChanged: () => void }) {
  const api = useApi();
  const [text, setText] = useState("");
  const save = useAction((followers: number) =>
    api.channels.setFollowers.mutate({ channelId: channel.id, followers }),
  );
  const followers = parseWholeNumber(text);
  return (
    <form
      className="row align-field"
      onSubmit={async (event) => {
        event.preventDefault();
        if (followers !== null && (await save.run(followers))) {
          setText("");
          onChanged();
        }
      }}
    >
      <WholeNumberField
        label="Follower count"
        hint="The page showed no follower count. Enter it yourself; it counts once Coinstream confirms it."
        value={text}
        onChange={(event) => setText(event.target.value)}
        notANumber="Enter a whole number, like 1200."
        error={fieldError(save.error, "followers")}
      />
      <BusyButton
        className="button secondary"
        busy={save.pending}
        busyLabel="Saving…"
        disabled={followers === null}
      >
        Save count
      </BusyButton>
      <ErrorNote error={save.error} />
    </form>
  );
}

/** What an entered follower count's review means for the creator. */
const ENTERED_COUNT_NOTES = {
  pending: " (entered by you, waiting for Coinstream to confirm it)",
  approved: " (entered by you, confirmed)",
  rejected: " (entered by you, not confirmed: enter the count your channel shows)",
} as const;

function VerifiedNote({ result }: { result: Verified }) {
  return (
    <div className="success-note" role="status">
      <p>
        {result.alreadyVerified
          ? "This channel was already verified."
          : result.followersVerified
            ? `Verified. We read ${formatCount(result.followers)} followers from the page.`
            : "Verified. The page showed no follower count; enter it below."}
      </p>
      {result.moved && (
        <p>
          Another creator had verified this channel before; it is yours now, and the move is
          recorded in the channel's history.
        </p>
      )}
    </div>
  );
}

function ChannelCard({
  channel,
  verified,
  onVerified,
  onChanged,
}: {
  channel: Channel;
  verified: Verified | null;
  onVerified: (result: Verified) => void;
  onChanged: () => void;
}) {
  const api = useApi();
  const unlink = useAction(() => api.channels.unlink.mutate({ channelId: channel.id }));
  const titleId = useId();
  const platform = PLATFORM_NAMES[channel.platform] ?? channel.platform;
  return (
    <li className="card" aria-labelledby={titleId}>
      <div className="card-head">
        <div>
          <p className="card-title" id={titleId}>
            <span className="platform">{platform}</span> {channel.channel}
          </p>
          {channel.url && (
            <a className="small" href={channel.url} target="_blank" rel="noreferrer">
              {channel.url}
            </a>
          )}
        </div>
        {channel.verified ? (
          <span className="badge good">Verified</span>
        ) : (
          <span className="badge neutral">Waiting for verification</span>
        )}
      </div>
      {verified && <VerifiedNote result={verified} />}
      {channel.verified ? (
        <>
          <p className="muted small">
            {formatCount(channel.followers)} followers
            {channel.followersVerified
              ? ""
              : ENTERED_COUNT_NOTES[channel.followersReview ?? "pending"]}
            {channel.verifiedAt ? ` · verified ${formatDate(channel.verifiedAt)}` : ""}
            {channel.method ? ` · ${METHOD_NAMES[channel.method] ?? channel.method}` : ""}
          </p>
          {!channel.followersVerified && <FollowersForm channel={channel} onChanged={onChanged} />}
        </>
      ) : (
        <VerifyControls channel={channel} onVerified={onVerified} />
      )}
      <div className="card-foot">
        <ConfirmButton
          question={`Unlink ${platform} ${channel.channel}? Gifts there stop reaching you.`}
          confirmLabel="Unlink"
          pending={unlink.pending}
          onConfirm={async () => {
            if (await unlink.run()) onChanged();
          }}
        >
          Unlink
        </ConfirmButton>
        <ErrorNote error={unlink.error} />
      </div>
    </li>
  );
}

/** Channels: add by URL or website, the code to paste and where, Verify, follower counts, unlink. */
export function ChannelsSection({ reloadStatus, focusOnMount }: SectionProps) {
  const trpc = useTRPC();
  const channels = useQuery(trpc.channels.list.queryOptions());
  const reloadChannels = useReload(trpc.channels.list.queryKey());
  const [lastVerified, setLastVerified] = useState<Verified | null>(null);
  const changed = async () => {
    await Promise.all([reloadChannels(), reloadStatus()]);
  };
  return (
    <Section
      id="channels"
      title="Channels"
      focusOnMount={focusOnMount}
      intro="Link the channels you stream on and prove they are yours; gifts on them reach you. A channel needs at least the follower minimum to receive gifts."
    >
      <Panel title="Link a channel">
        <AddChannelForm onAdded={() => void changed()} />
      </Panel>
      <Panel title="Your channels">
        <QueryView
          query={channels}
          what="your channels"
          empty="No channels linked yet. Add one above."
        >
          {(list) => (
            <ul className="cards">
              {list.map((channel) => (
                <ChannelCard
                  key={channel.id}
                  channel={channel}
                  verified={lastVerified?.id === channel.id ? lastVerified : null}
                  onVerified={(result) => {
                    setLastVerified(result);
                    void changed();
                  }}
                  onChanged={() => {
                    void changed();
                  }}
                />
              ))}
            </ul>
          )}
        </QueryView>
      </Panel>
    </Section>
  );
}
