/** The coin mark (the extension icon's shape), decorative. */
export function CoinMark({ className }: { readonly className?: string }) {
  return (
    <svg className={className} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="22.5" fill="#B7770A" />
      <circle cx="24" cy="23.2" r="21.7" fill="#EFB02E" />
      <circle
        cx="24"
        cy="23.2"
        r="17"
        fill="none"
        stroke="#FBE3A1"
        strokeWidth="1.5"
        opacity="0.8"
      />
      <path
        d="M30.2 16.5A9.75 9.75 0 1 0 30.2 30"
        fill="none"
        stroke="#3B2300"
        strokeWidth="4.5"
        strokeLinecap="round"
      />
      <path d="M22.3 18.8 29.1 23.2 22.3 27.7Z" fill="#3B2300" />
    </svg>
  );
}
