import fc from "fast-check";

// fast-check arbitraries read off a procedure's zod input schema (zod 4's `_zod.def`):
// `validInput` makes values at the schema's bounds that pass it (so they reach the services),
// `invalidInput` values that break it one way or another, and `fuzzInput` mixes both with
// hostile JSON (deep nesting, huge strings, arrays where objects go, non-JSON numbers).

interface Def {
  readonly type: string;
  readonly [key: string]: unknown;
}
interface CheckDef {
  readonly check: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly format?: string;
  readonly pattern?: RegExp;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): CheckDef[] =>
  ((def.checks as { _zod: { def: CheckDef } }[] | undefined) ?? []).map((check) => check._zod.def);

/**
 * JSON text sent as written: number tokens JSON.stringify cannot write (1e999, -0, 2^53 + 1...)
 * and nesting too deep for it.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** The input as JSON text, with `RawJson` written as is; undefined for no input. */
export function encodeJson(value: unknown): string | undefined {
  const raw: string[] = [];
  const text: string | undefined = JSON.stringify(value, (_key, item: unknown) => {
    if (!(item instanceof RawJson)) return item;
    raw.push(item.text);
    return `\u0001raw:${raw.length - 1}`;
  });
  return text?.replace(/"\\u0001raw:(\d+)"/g, (_match, index: string) => raw[Number(index)] ?? "");
}

/** Characters that break naive text handling: NUL, controls, bidi overrides, lone surrogates... */
const NASTY = [
  "\u0000",
  "\u0007",
  "\n",
  "\r\n",
  "\t",
  "\u202e",
  "\u200b",
  "\ufeff",
  "\ud800",
  "\udfff",
  "𝕏",
  "👩‍👩‍👧",
  "'",
  '"',
  "\\",
  "%00",
  "%s",
  "{{7*7}}",
  "<script>",
  "' or 1=1 --",
  "../",
  "@",
  " ",
];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
);

/** Text of exactly `length` UTF-16 units (what zod's min and max count), nasty characters included. */
const textOfLength = (length: number) =>
  fc
    .array(piece, { maxLength: Math.max(1, Math.ceil(length / 3)) })
    .map((pieces) => pieces.join("").slice(0, length).padEnd(length, "a"));

const lengthBetween = (min: number, max: number) =>
  fc.oneof(fc.constant(min), fc.constant(max), fc.integer({ min, max: Math.min(max, min + 40) }));

const DATETIMES = [
  "0000-01-01T00:00:00Z",
  "0001-01-01T00:00:00+23:59",
  "1970-01-01T00:00:00Z",
  "2000-02-29T23:59:59.999999999Z",
  "9999-12-31T23:59:59Z",
  "9999-12-31T23:59:59.999-23:59",
];

interface StringRules {
  readonly min: number;
  readonly max: number;
  readonly patterns: readonly RegExp[];
  readonly format: string | null;
}

function stringRules(def: Def): StringRules {
  let min = 0;
  let max = 4_000;
  const patterns: RegExp[] = [];
  const own = def.pattern instanceof RegExp ? [def.pattern] : [];
  for (const check of checksOf(def)) {
    if (check.check === "min_length") min = Math.max(min, check.minimum ?? 0);
    if (check.check === "max_length") max = Math.min(max, check.maximum ?? max);
    if (check.check === "length_equals") min = max = check.value ?? min;
    if (check.pattern instanceof RegExp) patterns.push(check.pattern);
  }
  return { min, max, patterns: [...own, ...patterns], format: (def.format as string) ?? null };
}

interface NumberRules {
  readonly min: number;
  readonly max: number;
  readonly isInteger: boolean;
}

function numberRules(def: Def): NumberRules {
  let isInteger = false;
  let min = -Number.MAX_SAFE_INTEGER;
  let max = Number.MAX_SAFE_INTEGER;
  for (const check of checksOf(def)) {
    if (check.check === "number_format" && /int/.test(check.format ?? "")) isInteger = true;
    if (check.check === "greater_than") {
      min = (check.value ?? min) + (check.inclusive ? 0 : isInteger ? 1 : Number.EPSILON);
    }
    if (check.check === "less_than") {
      max = (check.value ?? max) - (check.inclusive ? 0 : isInteger ? 1 : Number.EPSILON);
    }
  }
  return { min, max, isInteger };
}

const integerBetween = (min: number, max: number) =>
  fc.bigInt({ min: BigInt(Math.ceil(min)), max: BigInt(Math.floor(max)) }).map(Number);

const shapeOf = (def: Def) => def.shape as Record<string, unknown>;
const optionsOf = (def: Def) => def.options as unknown[];
const innerOf = (def: Def) => def.innerType;

/** Whether a field may be left out of its object. */
function isOptional(schema: unknown): boolean {
  const { type } = defOf(schema);
  return type === "optional" || type === "default" || type === "prefault";
}

/**
 * Strings worth trying wherever text goes (a real creator's handle, gift and item ids, the rate
 * card's version), so generated input also gets past lookups into the services behind them.
 */
export type Hints = readonly string[];

/** Values the schema accepts, at and near its bounds, with nasty text where text is free. */
export function validInput(schema: unknown, hints: Hints = []): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const valid = (inner: unknown) => validInput(inner, hints);
  switch (def.type) {
    case "string": {
      const rules = stringRules(def);
      const fitting = hints.filter(
        (hint) =>
          hint.length >= rules.min &&
          hint.length <= rules.max &&
          rules.patterns.every((pattern) => pattern.test(hint)),
      );
      const free =
        rules.patterns.length > 0 ? null : lengthBetween(rules.min, rules.max).chain(textOfLength);
      const matching = rules.patterns.map((pattern) => fc.stringMatching(pattern));
      if (rules.format === "datetime") matching.push(fc.constantFrom(...DATETIMES));
      if (rules.patterns.some((p) => p.source.includes("\\d{1,19}"))) {
        matching.push(fc.constantFrom("0", "9223372036854775807", "9999999999999999999"));
      }
      const generated = free ? [free] : matching;
      return fitting.length > 0
        ? fc.oneof(fc.constantFrom(...fitting), ...generated)
        : fc.oneof(...generated);
    }
    case "number": {
      const { min, max, isInteger } = numberRules(def);
      const inside = isInteger
        ? integerBetween(min, max)
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
      return fc.oneof(fc.constant(min), fc.constant(max), inside);
    }
    case "boolean":
      return fc.boolean();
    case "enum":
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]));
    case "optional":
    case "default":
    case "prefault":
      return fc.oneof(fc.constant(undefined), valid(innerOf(def)));
    case "nullable":
      return fc.oneof(fc.constant(null), valid(innerOf(def)));
    case "pipe":
      return valid(def.in);
    case "union":
      return fc.oneof(...optionsOf(def).map(valid));
    case "array": {
      const { min, max } = stringRules(def);
      return fc.array(valid(def.element), { minLength: min, maxLength: Math.min(max, 12) });
    }
    case "object": {
      const shape = shapeOf(def);
      const fields = Object.fromEntries(
        Object.entries(shape).map(([key, field]) => [key, valid(field)]),
      );
      const optional = Object.keys(shape).filter((key) => isOptional(shape[key]));
      return fc.record(fields, {
        requiredKeys: Object.keys(shape).filter((k) => !optional.includes(k)),
      });
    }
    default:
      return fc.anything();
  }
}

/** Any JSON-ish value of the wrong kind for most schemas. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

const WEIRD_NUMBERS = [
  new RawJson("1e999"),
  new RawJson("-1e999"),
  new RawJson("-0"),
  new RawJson("1e-400"),
  new RawJson("9007199254740993"),
  new RawJson("123456789012345678901234567890"),
  2 ** 53,
  -(2 ** 53),
  2 ** 63,
  1e308,
  -1e308,
  0.5,
  -1,
  0,
  Number.MIN_VALUE,
  "1",
  "0x10",
  "NaN",
];

/** Values the schema refuses: wrong types, just past its bounds, broken patterns, wrong keys. */
export function invalidInput(schema: unknown, hints: Hints = []): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const invalid = (inner: unknown) => invalidInput(inner, hints);
  switch (def.type) {
    case "string": {
      const { min, max, patterns } = stringRules(def);
      const broken = [wrongType, textOfLength(max + 1), fc.constant("x".repeat(70_000))];
      if (min > 0) broken.push(textOfLength(min - 1));
      if (patterns.length > 0) broken.push(fc.string({ maxLength: 40 }), textOfLength(min));
      return fc.oneof(...broken);
    }
    case "number": {
      const { min, max, isInteger } = numberRules(def);
      const past = [min - 1, max + 1, ...(isInteger ? [min + 0.5] : [])].filter(Number.isFinite);
      return fc.oneof(fc.constantFrom(...WEIRD_NUMBERS, ...past), wrongType);
    }
    case "boolean":
      return fc.oneof(fc.constantFrom("true", 1, 0, "false"), wrongType);
    case "enum":
    case "literal": {
      const allowed =
        def.type === "enum" ? Object.values(def.entries as object) : (def.values as unknown[]);
      return fc.oneof(
        fc.constantFrom(...allowed.map((v) => String(v).toUpperCase()), `${String(allowed[0])} `),
        wrongType,
      );
    }
    case "optional":
    case "default":
    case "prefault":
    case "nullable":
      return invalid(innerOf(def));
    case "pipe":
      return invalid(def.in);
    case "union":
      return fc.oneof(...optionsOf(def).map(invalid), mixedUnion(def, hints));
    case "array":
      return fc.oneof(
        wrongType,
        fc.array(invalid(def.element), { minLength: 1, maxLength: 3 }),
        fc.array(validInput(def.element, hints), { minLength: 50, maxLength: 60 }),
      );
    case "object":
      return fc.oneof(wrongType, oneFieldWrong(schema, hints), missingField(schema, hints));
    default:
      return wrongType;
  }
}

/** An object with the keys of every option of a union of objects at once. */
function mixedUnion(def: Def, hints: Hints): fc.Arbitrary<unknown> {
  const objects = optionsOf(def).filter((option) => defOf(option).type === "object");
  if (objects.length < 2) return wrongType;
  return fc
    .tuple(...objects.map((option) => validInput(option, hints)))
    .map((values) => Object.assign({}, ...values.filter((v) => typeof v === "object")));
}

/** A valid object but for one field, which is invalid. */
function oneFieldWrong(schema: unknown, hints: Hints): fc.Arbitrary<unknown> {
  const shape = shapeOf(defOf(schema));
  const keys = Object.keys(shape);
  if (keys.length === 0) return wrongType;
  return fc
    .constantFrom(...keys)
    .chain((key) =>
      fc
        .tuple(validInput(schema, hints), invalidInput(shape[key], hints))
        .map(([valid, bad]) => ({ ...(valid as object), [key]: bad })),
    );
}

/** A valid object without one of its required fields. */
function missingField(schema: unknown, hints: Hints): fc.Arbitrary<unknown> {
  const shape = shapeOf(defOf(schema));
  const required = Object.keys(shape).filter((key) => !isOptional(shape[key]));
  if (required.length === 0) return wrongType;
  return fc.constantFrom(...required).chain((key) =>
    validInput(schema, hints).map((valid) => {
      const { [key]: _dropped, ...rest } = valid as Record<string, unknown>;
      return rest;
    }),
  );
}

/** Keys that poison naive merges, and nesting deep enough to hurt recursive code. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .integer({ min: 100, max: 10_000 })
    .map((depth) => new RawJson(`${'{"a":'.repeat(depth)}"bottom"${"}".repeat(depth)}`)),
  fc
    .integer({ min: 100, max: 30_000 })
    .map((depth) => new RawJson(`${"[".repeat(depth)}${"]".repeat(depth)}`)),
  fc.constant(JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}')),
  fc.array(fc.jsonValue(), { minLength: 1, maxLength: 5 }),
  fc.constant("x".repeat(70_000)),
  fc.constantFrom(...WEIRD_NUMBERS),
  fc.jsonValue({ maxDepth: 4 }),
);

/** Extra keys next to a valid object's (zod strips them; strict objects refuse them). */
function withExtraKeys(schema: unknown, hints: Hints): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      validInput(schema, hints),
      fc.dictionary(fc.string({ maxLength: 10 }), hostile, { maxKeys: 3 }),
    )
    .map(([valid, extra]) =>
      typeof valid === "object" && valid !== null && !Array.isArray(valid)
        ? { ...extra, ...valid }
        : valid,
    );
}

/** What a fuzzed procedure receives: valid at the bounds, broken, hostile, or wrapped in an array. */
export function fuzzInput(schema: unknown | undefined, hints: Hints = []): fc.Arbitrary<unknown> {
  if (!schema) return fc.oneof(fc.constant(undefined), hostile);
  const valid = validInput(schema, hints);
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 4, arbitrary: invalidInput(schema, hints) },
    { weight: 1, arbitrary: withExtraKeys(schema, hints) },
    { weight: 1, arbitrary: valid.map((value) => [value]) },
    { weight: 1, arbitrary: hostile },
  );
}
