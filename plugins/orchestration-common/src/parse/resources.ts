/**
 * `orchestration.io/resources`: the peak size of one task or pod, written
 * with Kubernetes quantities (`cpu=500m,memory=4Gi`).
 */
import { RESOURCE_KEYS } from '../annotations';
import { suggestClosest } from './suggest';
import {
  MAX_ANNOTATION_VALUE_LENGTH,
  MAX_ITEM_LENGTH,
  quoteItem,
  shortItem,
} from './text';

/**
 * Peak size of one task or pod, from `orchestration.io/resources`.
 * Memory and storage sizes are in GiB (2^30 bytes).
 *
 * @public
 */
export interface ResourceRequirements {
  /** vCPUs (`cpu=500m` is 0.5). */
  cpu?: number;
  memoryGi?: number;
  gpu?: number;
  /** Ephemeral task storage, which Fargate caps. */
  storageGi?: number;
  /** Persistent block storage for one task (one ECS-managed EBS volume per task on ECS). */
  volumeGi?: number;
  privileged?: boolean;
}

/**
 * One problem inside `orchestration.io/resources`.
 *
 * @public
 */
export interface ResourceProblem {
  /** `error`: the sub-key cannot be read; `warning`: read, but spelt loosely. */
  severity: 'error' | 'warning';
  /** The item as written (cut to a few dozen characters). */
  item: string;
  /** What is wrong and what to write instead. */
  message: string;
  /** The sub-key, when it is not one of {@link RESOURCE_KEYS}. */
  unknownKey?: string;
  /** The closest sub-key, or the item as it was probably meant. */
  suggestion?: string;
}

/**
 * The outcome of parsing `orchestration.io/resources`.
 *
 * @public
 */
export interface ResourcesParseResult {
  /**
   * The size, or undefined when it is unknown: nothing was given, or any
   * sub-key has an error. A half-read size would let a rule claim that a
   * task fits somewhere it may not.
   */
  value?: ResourceRequirements;
  /** Errors and warnings, in the order of the items. */
  problems: ResourceProblem[];
}

type SizeKey = 'memory' | 'storage' | 'volume';

const SIZE_EXAMPLE: Record<SizeKey, string> = {
  memory: '8Gi',
  storage: '50Gi',
  volume: '100Gi',
};

const GI = 2 ** 30;
const NUMBER = /^(?:\d+(?:\.\d+)?|\.\d+)$/;
const QUANTITY = /^(\d+(?:\.\d+)?|\.\d+)\s*([A-Za-z]*)$/;
/** Binary suffixes, read in any case: the letters cannot mean anything else. */
const BINARY_POWER: Record<string, number> = { ki: 1, mi: 2, gi: 3, ti: 4 };
/** Decimal suffixes as Kubernetes spells them. */
const DECIMAL_EXPONENT: Record<string, number> = { k: 3, M: 6, G: 9, T: 12 };
const DECIMAL_CANONICAL: Record<string, string> = {
  k: 'k',
  m: 'M',
  g: 'G',
  t: 'T',
};
const BINARY_CANONICAL: Record<string, string> = {
  ki: 'Ki',
  mi: 'Mi',
  gi: 'Gi',
  ti: 'Ti',
};

type Outcome<T> =
  | { ok: true; value: T; warning?: { message: string; suggestion: string } }
  | { ok: false; message: string; suggestion?: string };

/**
 * `number × 10^exponent` bytes, as exactly as a double allows: the digits are
 * scaled by one power of ten (1.5G is 15 × 10^8), not by repeated rounding.
 */
function decimalBytes(number: string, exponent: number): number {
  const [whole, fraction = ''] = number.split('.');
  const digits = Number(`${whole}${fraction}`);
  const scale = exponent - fraction.length;
  return scale >= 0 ? digits * 10 ** scale : digits / 10 ** -scale;
}

/** A size for display: at most two decimals, no trailing zeros. */
function roughly(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/**
 * About the same size in binary units, for the reader who wants them: in
 * the unit matching the decimal one, or a smaller one where that is below 1.
 */
function inBinary(bytes: number, decimalUnit: string): string {
  const units = ['Ki', 'Mi', 'Gi', 'Ti'];
  let power = BINARY_POWER[`${decimalUnit.toLowerCase()}i`];
  while (power > 1 && bytes / 2 ** (10 * power) < 1) power -= 1;
  const amount = bytes / 2 ** (10 * power);
  const shown = amount >= 100 ? String(Math.round(amount)) : roughly(amount);
  return `${shown}${units[power - 1]}`;
}

function parseSize(key: SizeKey, raw: string): Outcome<number> {
  // Messages are built only on the error paths: most sizes are fine.
  const example = () => `${key}=${SIZE_EXAMPLE[key]}`;
  const written = () => `${key}=${shortItem(raw)}`;
  const match = QUANTITY.exec(raw);
  if (!match) {
    return {
      ok: false,
      message: `${written()} is not a size; write a number and a unit, e.g. ${example()} (binary) or ${key}=8G (decimal)`,
    };
  }
  const [, number, unit] = match;
  if (unit === '') {
    return {
      ok: false,
      message: `${written()} has no unit, and a bare number would be bytes; write ${key}=${number}Gi (or ${key}=${number}G)`,
      suggestion: `${key}=${number}Gi`,
    };
  }
  let gi: number;
  let warning: { message: string; suggestion: string } | undefined;
  const lower = unit.toLowerCase();
  if (unit === 'm') {
    // In Kubernetes quantities a lower-case m is milli, not mega.
    return {
      ok: false,
      message: `${written()} would be thousandths of a byte (m is milli); write ${key}=${number}Mi or ${key}=${number}M`,
      suggestion: `${key}=${number}Mi`,
    };
  } else if (BINARY_POWER[lower] !== undefined) {
    gi = Number(number) * 2 ** (10 * BINARY_POWER[lower] - 30);
  } else if (
    lower.endsWith('ib') &&
    BINARY_POWER[lower.slice(0, -1)] !== undefined
  ) {
    const canonical = BINARY_CANONICAL[lower.slice(0, -1)];
    gi = Number(number) * 2 ** (10 * BINARY_POWER[lower.slice(0, -1)] - 30);
    const right = `${key}=${number}${canonical}`;
    warning = {
      message: `${written()} is read as ${number}${canonical}; write ${right}`,
      suggestion: right,
    };
  } else if (DECIMAL_EXPONENT[unit] !== undefined) {
    // Dividing by 2^30 is exact, so 1G is exactly 10^9 bytes in GiB.
    gi = decimalBytes(number, DECIMAL_EXPONENT[unit]) / GI;
  } else {
    const letter = lower.endsWith('b') ? lower.slice(0, -1) : lower;
    const canonical = DECIMAL_CANONICAL[letter];
    if (canonical === undefined) {
      return {
        ok: false,
        message: `${written()} has an unknown unit; write Ki, Mi, Gi or Ti (binary) or k, M, G or T (decimal), e.g. ${example()}`,
      };
    }
    // GB, gb, g, K ...: decimal, as the letters say, but worth a warning
    // since many tools mean binary units by them.
    const bytes = decimalBytes(number, DECIMAL_EXPONENT[canonical]);
    gi = bytes / GI;
    const right = `${key}=${number}${canonical}`;
    warning = {
      message: `${written()} is read as ${number}${canonical} (decimal); write ${right}, or ${key}=${inBinary(
        bytes,
        canonical,
      )} in binary units`,
      suggestion: right,
    };
  }
  if (!Number.isFinite(gi)) {
    return {
      ok: false,
      message: `${written()} is too large a size to be meant; check the value`,
    };
  }
  if (gi === 0 && key === 'memory') {
    return {
      ok: false,
      message: `${written()} is no memory at all; write the peak memory of one task, e.g. ${example()}`,
    };
  }
  return warning ? { ok: true, value: gi, warning } : { ok: true, value: gi };
}

function parseCpu(raw: string): Outcome<number> {
  const written = () => `cpu=${shortItem(raw)}`;
  if (NUMBER.test(raw)) {
    const value = Number(raw);
    if (value === 0) {
      return {
        ok: false,
        message: `${written()} is no CPU at all; write at least cpu=0.25 (or cpu=250m)`,
      };
    }
    if (!Number.isFinite(value)) {
      return { ok: false, message: `${written()} is too large to be meant` };
    }
    return { ok: true, value };
  }
  const millis = /^(\d+)\s*(m|M)$/.exec(raw);
  if (millis) {
    const value = Number(millis[1]);
    if (millis[2] === 'M') {
      return {
        ok: false,
        message: `${written()} is not a CPU quantity; millicores are a lower-case m: write cpu=${
          millis[1]
        }m`,
        suggestion: `cpu=${millis[1]}m`,
      };
    }
    if (value > 0 && Number.isFinite(value)) {
      return { ok: true, value: value / 1000 };
    }
    return {
      ok: false,
      message: `${written()} is no CPU at all; write at least cpu=250m (or cpu=0.25)`,
    };
  }
  const named = /^(\d+(?:\.\d+)?|\.\d+)\s*(v?cpus?|cores?)$/i.exec(raw);
  if (named) {
    return {
      ok: false,
      message: `${written()} is not a CPU quantity; write the number alone, in vCPUs: cpu=${
        named[1]
      }`,
      suggestion: `cpu=${named[1]}`,
    };
  }
  return {
    ok: false,
    message: `${written()} is not a CPU quantity; write vCPUs or millicores, e.g. cpu=0.5 or cpu=500m`,
  };
}

function parseGpu(raw: string): Outcome<number> {
  if (/^\d+$/.test(raw) && Number.isSafeInteger(Number(raw))) {
    return { ok: true, value: Number(raw) };
  }
  return {
    ok: false,
    message: `gpu=${shortItem(
      raw,
    )} is not a whole number of GPUs; write e.g. gpu=1`,
  };
}

function parsePrivileged(raw: string): Outcome<boolean> {
  const lower = raw.toLowerCase();
  if (lower === 'true' || lower === 'false') {
    return { ok: true, value: lower === 'true' };
  }
  return {
    ok: false,
    message: `privileged=${shortItem(
      raw,
    )} must be privileged=true or privileged=false`,
  };
}

const RESOURCE_KEY_LIST: readonly string[] = RESOURCE_KEYS;
const RESOURCE_EXAMPLE: Record<string, string> = {
  cpu: 'cpu=2',
  memory: 'memory=8Gi',
  gpu: 'gpu=1',
  storage: 'storage=50Gi',
  volume: 'volume=100Gi',
  privileged: 'privileged=false',
};

/**
 * Parses `orchestration.io/resources`: `cpu`, `memory`, `gpu`, `storage`,
 * `volume` and `privileged` (any subset, any order, keys in any case).
 *
 * - `cpu` in vCPUs (`0.5`, `2`) or millicores (`500m`);
 * - `memory`, `storage` and `volume` in binary `Ki`/`Mi`/`Gi`/`Ti` or decimal
 *   `k`/`M`/`G`/`T` (1G is 10^9 bytes, about 0.93Gi); `GB`, `MB`, `g` and
 *   similar are read as decimal with a warning that gives the right spelling;
 * - `gpu` a whole number, `privileged` `true` or `false`.
 *
 * Any error, including a sub-key given twice, leaves the size unknown.
 *
 * @public
 */
export function parseResources(text: string): ResourcesParseResult {
  const problems: ResourceProblem[] = [];
  if (text.length > MAX_ANNOTATION_VALUE_LENGTH) {
    problems.push({
      severity: 'error',
      item: shortItem(text),
      message: `the value is ${text.length} characters long; the limit is ${MAX_ANNOTATION_VALUE_LENGTH}`,
    });
    return { problems };
  }
  // One shape for every size: the rules read these fields for each entity.
  const value: ResourceRequirements = {
    cpu: undefined,
    memoryGi: undefined,
    gpu: undefined,
    storageGi: undefined,
    volumeGi: undefined,
    privileged: undefined,
  };
  const written = new Map<string, string[]>();
  let errors = 0;
  const error = (problem: Omit<ResourceProblem, 'severity'>) => {
    errors += 1;
    problems.push({ severity: 'error', ...problem });
  };
  for (const rawItem of text.split(',')) {
    const item = rawItem.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) {
      error({
        item: shortItem(item),
        message: `${quoteItem(
          item,
        )} has no value; write key=value, e.g. cpu=2 or memory=4Gi`,
      });
      continue;
    }
    const key = item.slice(0, eq).trim().toLowerCase();
    const raw = item.slice(eq + 1).trim();
    const previous = written.get(key);
    if (previous) {
      previous.push(item);
      continue; // reported once per sub-key below
    }
    written.set(key, [item]);
    if (!RESOURCE_KEY_LIST.includes(key)) {
      const suggestion = suggestClosest(key, RESOURCE_KEY_LIST);
      const problem: Omit<ResourceProblem, 'severity'> = {
        item: shortItem(item),
        unknownKey: shortItem(key),
        message: suggestion
          ? `${quoteItem(
              key,
            )} is not a resource key; did you mean "${suggestion}"?`
          : `${quoteItem(
              key,
            )} is not a resource key; use ${RESOURCE_KEY_LIST.join(', ')}`,
      };
      if (suggestion) problem.suggestion = suggestion;
      error(problem);
      continue;
    }
    if (raw === '') {
      error({
        item: shortItem(item),
        message: `${key} has no value; write e.g. ${RESOURCE_EXAMPLE[key]}`,
      });
      continue;
    }
    if (raw.length > MAX_ITEM_LENGTH) {
      // No quantity is this long; and suggestions built from it would not be short.
      error({
        item: shortItem(item),
        message: `${key}=${shortItem(raw)} is ${
          raw.length
        } characters long, too long to be meant; check the value`,
      });
      continue;
    }
    let outcome: Outcome<number | boolean>;
    switch (key) {
      case 'cpu':
        outcome = parseCpu(raw);
        if (outcome.ok) value.cpu = outcome.value as number;
        break;
      case 'memory':
        outcome = parseSize('memory', raw);
        if (outcome.ok) value.memoryGi = outcome.value as number;
        break;
      case 'storage':
        outcome = parseSize('storage', raw);
        if (outcome.ok) value.storageGi = outcome.value as number;
        break;
      case 'volume':
        outcome = parseSize('volume', raw);
        if (outcome.ok) value.volumeGi = outcome.value as number;
        break;
      case 'gpu':
        outcome = parseGpu(raw);
        if (outcome.ok) value.gpu = outcome.value as number;
        break;
      default:
        outcome = parsePrivileged(raw);
        if (outcome.ok) value.privileged = outcome.value as boolean;
        break;
    }
    if (!outcome.ok) {
      const problem: Omit<ResourceProblem, 'severity'> = {
        item: shortItem(item),
        message: outcome.message,
      };
      if (outcome.suggestion) problem.suggestion = outcome.suggestion;
      error(problem);
    } else if (outcome.warning) {
      problems.push({
        severity: 'warning',
        item: shortItem(item),
        message: outcome.warning.message,
        suggestion: outcome.warning.suggestion,
      });
    }
  }
  for (const [key, items] of written) {
    // An unknown sub-key is reported once already, however often it appears.
    if (items.length < 2 || !RESOURCE_KEY_LIST.includes(key)) continue;
    const times = items.length === 2 ? 'twice' : `${items.length} times`;
    error({
      item: shortItem(items[1]),
      message: `${key} is given ${times} (${items
        .slice(0, 3)
        .map(shortItem)
        .join(', ')}${items.length > 3 ? ', ...' : ''}); keep one`,
    });
  }
  const empty = Object.values(value).every(field => field === undefined);
  if (errors > 0 || empty) return { problems };
  return { value, problems };
}

/**
 * Formats resource requirements back into the annotation syntax, sizes in
 * GiB.
 *
 * @public
 */
export function formatResources(resources: ResourceRequirements): string {
  const parts: string[] = [];
  if (resources.cpu !== undefined) parts.push(`cpu=${resources.cpu}`);
  if (resources.memoryGi !== undefined)
    parts.push(`memory=${resources.memoryGi}Gi`);
  if (resources.gpu !== undefined) parts.push(`gpu=${resources.gpu}`);
  if (resources.storageGi !== undefined)
    parts.push(`storage=${resources.storageGi}Gi`);
  if (resources.volumeGi !== undefined)
    parts.push(`volume=${resources.volumeGi}Gi`);
  if (resources.privileged !== undefined)
    parts.push(`privileged=${resources.privileged}`);
  return parts.join(',');
}
