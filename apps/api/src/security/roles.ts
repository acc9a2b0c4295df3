/**
 * Who calls, in the authorisation matrix. "Another viewer" and "another creator" aim at the
 * first viewer's and the first creator's things (their message, tier, claim, ward, key...).
 */
export const ROLES = [
  "anonymous",
  "viewer",
  "otherViewer",
  "creator",
  "otherCreator",
  "admin",
  "frozen",
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  anonymous: "anonymous",
  viewer: "viewer",
  otherViewer: "another viewer",
  creator: "creator",
  otherCreator: "another creator",
  admin: "admin",
  frozen: "frozen account",
};
